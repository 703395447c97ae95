import { expect, test } from "@playwright/test";
import { TrainPages } from "./pages/train-page";

// The TRL backend from the trainer panel on a CPU, with TRL's tiny random-weight Qwen3 (CI sets the
// worker's virtual environment up with `npx flywheel trainer setup`): a round runs to completion
// with live metrics, a second one stops on request with a checkpoint, and that checkpoint is
// evaluated by the harness (trl:<folder>).
const DOMAIN = "clinic-appointments";
const TINY = { backend: "trl", model: "tiny-qwen3", domain: DOMAIN, group: 2, tasks: 2, maxTurns: 2, maxNewTokens: 16 } as const;

test("an ML engineer trains tiny-qwen3 with TRL from the panel, stops a round with a checkpoint and evaluates it", async ({ page }) => {
  test.setTimeout(600_000);
  const { backends } = await (await page.request.get("/api/train/backends")).json();
  const trl = backends.find((b: { backend: string }) => b.backend === "trl");
  test.skip(!trl.available && !process.env.CI, `TRL backend unavailable here: ${trl.reason}`);
  expect(trl.available, trl.reason).toBe(true);

  const train = new TrainPages(page);
  const verified = await page.request.get(`/api/cases?domain=${DOMAIN}&status=verified`);
  if ((await verified.json()).total === 0) await train.verifyDomain(DOMAIN);

  await train.startRound({ ...TINY, name: `e2e trl round ${Date.now()}`, steps: 2, every: 1 }, "screenshots/train-trl-form.png");
  // random weights earn reward 0: a flat line has no height, so wait for its second point rather than visibility
  await expect(train.chartLines().first()).toHaveAttribute("d", /L/, { timeout: 240_000 });
  await expect(train.status()).toHaveText("SUCCEEDED", { timeout: 240_000 });
  await expect(page.getByTestId("run-steps")).toHaveText("2 / 2");
  await expect(page.getByTestId("kind-table")).toBeVisible();
  await expect(page.getByTestId("checkpoint-row").first()).toContainText("step-2");
  await expect(page.getByTestId("run-logs")).toContainText(/M parameters/);
  await page.screenshot({ path: "screenshots/train-trl-finished.png", fullPage: true });

  await train.startRound({ ...TINY, name: `e2e trl stopped ${Date.now()}`, steps: 200, every: 100 });
  await expect(train.chartLines().first()).toHaveAttribute("d", /L/, { timeout: 240_000 });
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("run-stop").click();
  await expect(train.status()).toHaveText("STOPPED", { timeout: 120_000 });
  const checkpoint = page.getByTestId("checkpoint-row").first();
  await expect(checkpoint).toBeVisible();

  await page.getByTestId("eval-trials").fill("1");
  await checkpoint.getByTestId("checkpoint-evaluate").click();
  const row = page.getByTestId("eval-row").filter({ hasText: "step" }).first();
  await expect(row).toContainText("succeeded", { timeout: 300_000 });
  await page.screenshot({ path: "screenshots/train-trl-stopped-evaluated.png", fullPage: true });
});
