import { expect, type Page } from "@playwright/test";

/** A small round, fast enough for e2e on a CPU: the built-in policy at a size, or TRL on a model. */
export type TinyRound = { name: string; domain: string; steps: number; every: number; group: number; tasks: number; maxTurns?: number; withProblems?: boolean } & (
  | { backend?: "builtin"; dModel: number; layers: number }
  | { backend: "trl"; model: string; maxNewTokens: number }
);

/** The trainer panel: /train (rounds and the New round form) and /train/[id] (one run). */
export class TrainPages {
  constructor(readonly page: Page) {}

  /** Synthesizes and proves the domain's cases through its Cases page (a fresh database has none). */
  async verifyDomain(slug: string) {
    await this.page.goto(`/domains/${slug}/cases`);
    await this.page.getByTestId("verify-domain").click();
    await expect(this.page.getByTestId("verify-summary")).toContainText("branches verified", { timeout: 120_000 });
  }

  /** Fills the New round form (a screenshot of it filled in when `screenshot` names a file) and starts it; returns the run id once its page opens. */
  async startRound(r: TinyRound, screenshot?: string): Promise<number> {
    await this.page.goto("/train");
    const newRound = this.page.getByTestId("new-round");
    const form = this.page.getByTestId("round-form");
    await expect(newRound.or(form)).toBeVisible();
    if (await newRound.isVisible()) await newRound.click();
    await expect(this.page.getByTestId("round-backend")).toHaveValue("builtin");
    if (r.backend === "trl") await this.page.getByTestId("round-backend").selectOption("trl");
    await this.page.getByTestId("round-dataset").selectOption(`domain:${r.domain}`);
    await this.page.getByTestId("round-name").fill(r.name);
    if (r.withProblems) await this.page.getByTestId("round-with-problems").check(); // enabled once the domain's count arrives
    if (r.backend === "trl") {
      await this.page.getByTestId("model-path").fill(r.model);
    } else {
      await this.page.getByTestId("model-dModel").fill(String(r.dModel));
      await this.page.getByTestId("model-layers").fill(String(r.layers));
    }
    await this.page.getByTestId("schedule-steps").fill(String(r.steps));
    await this.page.getByTestId("schedule-evalEvery").fill(String(r.every));
    await this.page.getByTestId("schedule-saveEvery").fill(String(r.every));
    await this.page.locator("details summary", { hasText: "GRPO settings" }).click();
    await this.page.getByTestId("grpo-n").fill(String(r.group));
    await this.page.getByTestId("grpo-batchSize").fill(String(r.tasks));
    if (r.maxTurns) await this.page.getByTestId("grpo-maxTurns").fill(String(r.maxTurns));
    if (r.backend === "trl") await this.page.getByTestId("grpo-maxNewTokens").fill(String(r.maxNewTokens));
    if (screenshot) await this.page.getByTestId("round-form").screenshot({ path: screenshot });
    await this.page.getByTestId("round-start").click();
    await this.page.waitForURL(/\/train\/\d+$/);
    await expect(this.page.getByRole("heading", { name: r.name })).toBeVisible();
    return Number(this.page.url().split("/").pop());
  }

  /** Generates verified reasoning problems for a domain (a durable job) and waits until they are stored. */
  async generateProblems(slug: string, count: number, seed: number) {
    const started = await this.page.request.post("/api/reasoning/generate", { data: { domain: slug, count, seed, round: 0 } });
    expect(started.ok()).toBe(true);
    await expect.poll(async () => (await (await this.page.request.get(`/api/reasoning/problems?domain=${slug}&verdict=verified&limit=1`)).json()).total, { timeout: 60_000 }).toBeGreaterThanOrEqual(count);
  }

  status() {
    return this.page.getByTestId("run-header").getByTestId("run-status");
  }

  /** Lines recharts drew in the run's charts. */
  chartLines() {
    return this.page.getByTestId("run-charts").locator("path.recharts-line-curve");
  }
}
