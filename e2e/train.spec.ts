import { expect, test } from "@playwright/test";
import { ReasoningPage } from "./pages/reasoning-page";
import { TrainPages } from "./pages/train-page";

const DOMAIN = "clinic-appointments";

test("a curator trains a tiny built-in policy on verified cases and reasoning problems, and watches the run to its checkpoint", async ({ page }) => {
  test.setTimeout(600_000);
  const train = new TrainPages(page);
  await train.verifyDomain(DOMAIN);
  await train.generateProblems(DOMAIN, 8, 41);

  const name = `e2e tiny round ${Date.now()}`;
  const runId = await train.startRound({ name, domain: DOMAIN, steps: 4, every: 2, dModel: 16, layers: 1, group: 2, tasks: 2, withProblems: true }, "screenshots/train-form-problems.png");

  // Live: the status turns RUNNING and the curves fill as metrics arrive (polled, appended).
  await expect(train.status()).toHaveText(/RUNNING|SUCCEEDED/, { timeout: 120_000 });
  await expect(train.chartLines().first()).toBeVisible({ timeout: 300_000 });

  await expect(train.status()).toHaveText("SUCCEEDED", { timeout: 420_000 });
  await expect(page.getByTestId("run-steps")).toHaveText("4 / 4");
  await expect(page.getByTestId("kind-table")).toBeVisible();
  // the problems trained and were held out by family beside the cases: their kinds have columns
  await expect(page.getByTestId("kind-table")).toContainText(/problem:\w+/);
  await expect(page.getByTestId("run-logs")).toContainText(/\+ \d+ problems/);
  await expect(page.getByTestId("checkpoint-row").first()).toBeVisible();
  await expect(page.getByTestId("run-logs")).toContainText("status → SUCCEEDED");

  // A sample rollout opens as a conversation.
  await page.getByTestId("sample-item").first().click();
  await expect(page.getByTestId("message-list")).toContainText(/user/i);
  await page.screenshot({ path: "screenshots/train-run-finished.png", fullPage: true });

  // The checkpoint scores itself on the validation split: the eval harness in the studio's server, with the JS sampler (no tfjs there).
  await page.getByTestId("eval-trials").fill("1");
  await page.getByTestId("checkpoint-row").first().getByTestId("checkpoint-evaluate").click();
  await expect(page.getByTestId("eval-row").filter({ hasText: "step" }).first()).toContainText("succeeded", { timeout: 120_000 });

  // The rounds table lists it with its steps.
  await page.goto("/train");
  const row = page.getByTestId(`run-row-${runId}`);
  await expect(row).toContainText(name);
  await expect(row).toContainText("SUCCEEDED");
  await expect(row).toContainText("4 / 4");
  await page.screenshot({ path: "screenshots/train-runs.png", fullPage: true });

  // A checkpoint plays the domain's reasoning problems: its "On problems" fills in the Reasoning page's Evaluate step.
  await page.goto(`/train/${runId}`);
  await page.getByTestId("checkpoint-on-problems").first().click();
  await page.waitForURL(/\/reasoning\?agent=builtin/);
  const agent = await page.getByTestId("eval-agent").inputValue();
  expect(agent).toMatch(/^builtin:.+checkpoints/);
  await expect(page.getByTestId("action-domain")).toHaveValue(DOMAIN);
  const job = await new ReasoningPage(page).startEvaluate(DOMAIN, agent);
  // it plays the domain's problems one by one (hundreds by now in CI: stop it once it has shown it can)
  await expect(job.getByTestId("job-counts")).toContainText(/^[1-9]\d* done · 0 failed/, { timeout: 120_000 });
  if (await job.getByTestId("job-cancel").isVisible()) await job.getByTestId("job-cancel").click();
  await expect(job).toHaveAttribute("data-status", /^(succeeded|cancelled)$/, { timeout: 30_000 });
  await expect(page.getByTestId("harden-eval").locator("option").nth(1)).toContainText("builtin:…/checkpoints/step-4");
  await page.screenshot({ path: "screenshots/reasoning-eval-checkpoint.png", fullPage: true });
});

test("a running round stops on request, saving a checkpoint", async ({ page }) => {
  test.setTimeout(420_000);
  const train = new TrainPages(page);
  const verified = await page.request.get(`/api/cases?domain=${DOMAIN}&status=verified`);
  if ((await verified.json()).total === 0) await train.verifyDomain(DOMAIN);

  await train.startRound({ name: `e2e stopped round ${Date.now()}`, domain: DOMAIN, steps: 500, every: 250, dModel: 16, layers: 1, group: 2, tasks: 2 });
  await expect(train.chartLines().first()).toBeVisible({ timeout: 300_000 });
  await expect(page.getByTestId("sample-item").first()).toBeVisible();
  await page.screenshot({ path: "screenshots/train-run-live.png", fullPage: true });
  page.once("dialog", (d) => d.accept());
  await page.getByTestId("run-stop").click();
  await expect(train.status()).toHaveText("STOPPED", { timeout: 120_000 });
  await expect(page.getByTestId("run-stop")).toHaveCount(0);
  await expect(page.getByTestId("checkpoint-row").first()).toBeVisible();
  await expect(page.getByTestId("run-message")).toContainText(/stopped/i);
  await page.screenshot({ path: "screenshots/train-run-stopped.png", fullPage: true });
});
