import { expect, test, type Page } from "@playwright/test";

// Three rounds of the flywheel from the timeline page: a project on the clinic domain whose policy
// is the hack reference agent (no training, so a round takes seconds), with review required and
// the verified new data approved automatically; then the failure map of round 1 and a comparison.

async function runRound(page: Page, n: number) {
  await page.getByTestId("auto-approve").check();
  await page.getByTestId("start-next-round").click();
  await expect(page.getByTestId(`round-${n}`).getByTestId("round-status")).toHaveText("closed", { timeout: 90_000 });
}

test("three rounds from the UI: failures on the tree, data growing there, rounds compared", async ({ page }) => {
  test.setTimeout(300_000);
  const name = `clinic loop ${Date.now()}`;
  await page.goto("/rounds");
  await page.getByTestId("new-project").click();
  await page.getByTestId("project-name").fill(name);
  await page.getByTestId("project-backend").selectOption("none");
  await page.getByTestId("project-base-model").fill("hack");
  await page.getByTestId("project-domain-clinic-appointments").check();
  await page.getByTestId("project-create").click();

  await expect(page.getByTestId("round-timeline")).toContainText(name);
  const next = page.getByTestId("next-round");
  await expect(next).toContainText("Will freeze and train on");
  await expect(next).toContainText("clinic-appointments");

  await runRound(page, 1);
  const first = page.getByTestId("round-1");
  await expect(first.getByTestId("failure-summary")).toContainText(/\d+ of \d+ trials failed/);
  await expect(first.getByTestId("data-added")).toBeVisible();
  await expect(first.getByTestId("review-progress")).toContainText("auto-approved");
  // the next round's input is the frozen output: a snapshot, with what round 1 added
  await expect(next).toContainText("Will train on");
  await expect(next).toContainText(/snapshot \d+/);
  await expect(next).toContainText(/\+\d+ new/);

  await runRound(page, 2);
  await runRound(page, 3);
  await expect(page.getByTestId("round-3").getByTestId("held-out-table")).toBeVisible();

  // the failure map of round 1: the tree coloured by failure rate, a node's failing trajectories
  await first.getByTestId("open-failure-map").click();
  const panel = page.getByTestId("failure-panel");
  await expect(panel.getByTestId("failure-canvas")).toBeVisible();
  await expect(panel.locator('[data-testid="failure-node"]:not([data-failures="0"])').first()).toBeVisible({ timeout: 30_000 });
  await panel.getByTestId("failure-row").first().click();
  await expect(panel.getByTestId("node-detail")).toContainText(/failed here/);
  await expect(panel.getByTestId("node-trajectories").locator("details").first()).toBeVisible();
  await panel.getByTestId("node-trajectories").locator("summary").first().click();
  await expect(panel.getByTestId("message-list").first()).toBeVisible();

  // two rounds side by side
  const compare = page.getByTestId("compare-rounds");
  await compare.getByTestId("compare-a").selectOption("1");
  await compare.getByTestId("compare-b").selectOption("3");
  await expect(compare).toContainText("Training cases");
  await expect(compare).toContainText("Weak nodes");

  // a closed round re-runs from its records to the same snapshot hash
  await first.getByTestId("replay").getByRole("button").click();
  await expect(first.getByTestId("replay-result")).toContainText("same snapshot hash", { timeout: 60_000 });

  await page.screenshot({ path: "screenshots/rounds.png", fullPage: true });
});
