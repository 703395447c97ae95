import { expect, type Locator, type Page } from "@playwright/test";
import { policyLabel } from "../../components/reasoning/policy-label";

/** The Reasoning page: the flywheel's three jobs, the difficulty histogram, the library, one problem, and the export. */
export class ReasoningPage {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto("/reasoning");
    await expect(this.page.getByTestId("flywheel-actions")).toBeVisible();
  }

  /** The flywheel steps act on this domain. */
  async pickDomain(slug: string) {
    await this.page.getByTestId("action-domain").selectOption(slug);
  }

  /** A started job's card, by the title the page gives it; resolves once the job has succeeded. */
  async jobSucceeds(title: string) {
    const job = this.page.getByTestId("job-progress").filter({ hasText: title });
    await expect(job).toHaveAttribute("data-status", "succeeded", { timeout: 60_000 });
    return job;
  }

  async generate(slug: string, count: number, seed: number) {
    await this.page.getByTestId("generate-count").fill(String(count));
    await this.page.getByTestId("generate-seed").fill(String(seed));
    await this.page.getByTestId("generate-button").click();
    return this.jobSucceeds(`Generate ${count} problems (${slug})`);
  }

  /** Starts an evaluation; returns its job card (it appears once the server has queued it). */
  async startEvaluate(slug: string, agent: string): Promise<Locator> {
    await this.page.getByTestId("eval-agent").fill(agent);
    await this.page.getByTestId("eval-button").click();
    const job = this.page.getByTestId("job-progress").filter({ hasText: `Evaluate ${policyLabel(agent)} (${slug})` });
    await expect(job).toBeVisible({ timeout: 30_000 });
    return job;
  }

  async evaluate(slug: string, agent: string) {
    await this.startEvaluate(slug, agent);
    return this.jobSucceeds(`Evaluate ${policyLabel(agent)} (${slug})`);
  }

  /** Hardens the failures of the domain's newest evaluation (the first one listed); returns the evaluation's option text. */
  async hardenNewestEval(slug: string): Promise<string> {
    const select = this.page.getByTestId("harden-eval");
    const newest = select.locator("option").nth(1);
    await expect(newest).toContainText(/\d+% pass/); // listed with its pass rate once the evaluation finished
    const label = (await newest.textContent())!;
    await select.selectOption({ index: 1 });
    await this.page.getByTestId("harden-button").click();
    await this.jobSucceeds(`Harden failures of evaluation ${label.split(" ")[0]} (${slug})`);
    return label;
  }

  /** The library's filters (the histogram follows the domain filter). */
  async filter(key: "domain" | "round", value: string) {
    const field = this.page.getByTestId(`filter-${key}`);
    if (key === "domain") await field.selectOption(value);
    else await field.fill(value);
  }

  /** Mean difficulty of a round as the histogram's summary line shows it. */
  async roundMean(round: number): Promise<number> {
    const mean = this.page.getByTestId(`round-mean-${round}`);
    await expect(mean).toBeVisible();
    return Number(await mean.getAttribute("data-mean"));
  }

  rows(): Locator {
    return this.page.getByTestId("problem-row");
  }

  problem(): Locator {
    return this.page.getByTestId("problem-view");
  }

  async exportDataset(format: "verl" | "chat", domain: string) {
    const panel = this.page.getByTestId("export-panel");
    await panel.getByTestId("export-format").selectOption(format);
    await panel.getByTestId("export-domain").selectOption(domain);
    await panel.getByTestId("export-button").click();
    await expect(panel.getByTestId("export-summary").or(panel.getByTestId("export-error"))).toBeVisible();
    return panel;
  }
}
