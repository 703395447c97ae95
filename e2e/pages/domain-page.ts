import { expect, type Page } from "@playwright/test";

export class DomainPages {
  constructor(readonly page: Page) {}

  async createDomain(name: string, slug: string) {
    await this.page.goto("/domains/new");
    await this.page.getByTestId("domain-name").fill(name);
    await this.page.getByTestId("domain-slug").fill(slug);
    await this.page.getByTestId("create-domain").click();
    await this.page.waitForURL(`**/domains/${slug}`);
    await expect(this.page.getByRole("heading", { name })).toBeVisible();
  }

  /** Creates a tree on the current domain page and returns its id (the editor opens). */
  async createTree(name: string): Promise<number> {
    await this.page.getByTestId("new-tree-name").fill(name);
    await this.page.getByTestId("create-tree").click();
    await this.page.waitForURL(/\/trees\/\d+$/);
    return Number(this.page.url().split("/").pop());
  }
}
