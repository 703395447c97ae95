import { expect, type Page } from "@playwright/test";

/** The Settings page's LLM form and the Generate page, driven as an admin/curator would. */
export class GeneratePages {
  constructor(readonly page: Page) {}

  async configureLlm(baseUrl: string, model: string) {
    await this.page.goto("/settings");
    const form = this.page.getByTestId("llm-settings");
    await expect(form).toBeVisible();
    await form.getByTestId("llm-base-url").fill(baseUrl);
    await form.getByTestId("llm-default-model").fill(model);
    await form.getByTestId("llm-test").click();
    await expect(this.page.getByTestId("llm-test-result")).toContainText(`Connected: ${model}`);
    await form.getByTestId("llm-save").click();
    await expect(this.page.getByTestId("llm-saved")).toBeVisible();
    await expect(this.page.getByTestId("llm-status")).toContainText(`ready ${model}`);
  }

  /** Forgets the saved LLM settings, so later specs see the environment's (none). */
  async resetLlm() {
    const res = await this.page.request.put("/api/settings/llm", { data: { settings: {}, clearKey: true } });
    expect(res.ok()).toBe(true);
  }

  /** Opens the page on a domain's tree (other specs add trees to the same domain, so name it). */
  async open(domainName: string, treeName: string) {
    await this.page.goto("/generate");
    await this.page.getByTestId("generate-domain").selectOption({ label: domainName });
    const tree = this.page.getByTestId("generate-tree");
    const option = tree.locator("option", { hasText: treeName }).first();
    await expect(option).toBeAttached();
    await tree.selectOption((await option.getAttribute("value"))!);
    await expect(this.page.getByTestId("branch-list")).toBeVisible();
  }
}
