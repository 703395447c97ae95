import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { ReasoningPage } from "./pages/reasoning-page";

// One flywheel turn per example domain, then one export over both: the tests share the database.
test.describe.configure({ mode: "serial" });

const DOMAINS = [
  { slug: "clinic-appointments", seed: 1 },
  { slug: "retail-orders", seed: 2 },
];
const COUNT = 12;

for (const { slug, seed } of DOMAINS) {
  test(`${slug}: generate, evaluate a weak agent, harden its failures; a harder round with its lineage`, async ({ page }) => {
    test.setTimeout(90_000);
    const reasoning = new ReasoningPage(page);
    await reasoning.open();
    await reasoning.filter("domain", slug);
    if (slug === DOMAINS[0].slug) {
      await expect(page.getByTestId("library-empty")).toBeVisible();
      await expect(page.getByTestId("difficulty-histogram")).toContainText("No verified problems yet");
      await page.screenshot({ path: "screenshots/reasoning-empty.png", fullPage: true });
    }

    await reasoning.pickDomain(slug);
    await reasoning.generate(slug, COUNT, seed);
    await expect(reasoning.rows()).toHaveCount(COUNT);
    await expect(page.getByTestId("difficulty-histogram")).toContainText(slug);
    await reasoning.roundMean(0);
    await expect(page.getByTestId("round-mean-1")).toHaveCount(0);
    await expect(page.getByTestId("harden-hint")).toContainText("Evaluate first");
    await page.screenshot({ path: `screenshots/reasoning-${slug}-generated.png`, fullPage: true });

    // budget:2 stops after two tool calls: the problems that need more fail.
    await reasoning.evaluate(slug, "budget:2");
    const evaluation = await reasoning.hardenNewestEval(slug);
    expect(evaluation).toContain("budget:2");
    expect(Number(/(\d+)% pass/.exec(evaluation)![1])).toBeLessThan(100);

    // The histogram gains round 1, harder on average than round 0.
    const before = await reasoning.roundMean(0);
    const after = await reasoning.roundMean(1);
    expect(after).toBeGreaterThan(before);
    await page.screenshot({ path: `screenshots/reasoning-${slug}-hardened.png`, fullPage: true });

    // A hardened variant shows its lineage: under its round-0 original, by a named mutation.
    await reasoning.filter("round", "1");
    await expect(reasoning.rows().first()).toBeVisible();
    await reasoning.rows().first().click();
    const view = reasoning.problem();
    await expect(view.getByTestId("lineage")).toContainText(/hardened from .+ by \w+/);
    const tree = view.getByTestId("family-tree");
    const current = tree.locator(".family-node.current");
    await expect(current).toContainText("round 1");
    await expect(current.locator(".badge")).not.toHaveText("original");
    // the original sits one level above the variant
    await expect(tree.locator(":scope > li > .family-node").first()).toContainText(/original.*round 0/);
    await expect(tree.locator(":scope > li > ul .family-node.current")).toHaveCount(1);
    await view.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/reasoning-${slug}-lineage.png`, fullPage: true });
  });
}

test("the problems of both domains export as a verl reasoning dataset", async ({ page }) => {
  test.setTimeout(60_000);
  const reasoning = new ReasoningPage(page);
  await reasoning.open();

  // Nothing imported: free text has nothing to export, and the page says why.
  const empty = await reasoning.exportDataset("verl", "free-text");
  await expect(empty.getByTestId("export-error")).toContainText("No verified problems to export among free-text (imported) problems");

  const panel = await reasoning.exportDataset("verl", "all");
  await expect(panel.getByTestId("export-summary")).toContainText(/\d+ problem\(s\) exported: \d+ train · \d+ validation/);
  for (const { slug } of DOMAINS) await expect(panel.getByTestId("export-result")).toContainText(slug);
  await expect(panel.getByTestId("export-hash")).toHaveText(/^[0-9a-f]{16}…$/);
  const link = panel.getByTestId("export-download-train.parquet");
  await expect(link).toHaveText(/^train\.parquet · \d+ rows$/);
  await expect(link).toHaveAttribute("href", /^\/api\/reasoning\/export\?format=verl&domain=all&.*file=train\.parquet$/);
  await page.screenshot({ path: "screenshots/reasoning-export.png", fullPage: true });
  await panel.screenshot({ path: "screenshots/reasoning-export-panel.png" });

  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  expect(download.suggestedFilename()).toBe("reasoning-all-verl-train.parquet");
  const bytes = fs.readFileSync((await download.path())!);
  expect(bytes.subarray(0, 4).toString()).toBe("PAR1");
  expect(bytes.subarray(-4).toString()).toBe("PAR1");
});
