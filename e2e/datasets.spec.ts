import fs from "node:fs";
import { expect, test } from "@playwright/test";

test("an admin freezes a snapshot from the Datasets page and downloads its chat JSONL", async ({ page }) => {
  test.setTimeout(120_000);
  const verified = await page.request.post("/api/domains/clinic-appointments/verify", { data: {} });
  expect(verified.ok()).toBe(true);

  await page.goto("/datasets");
  await page.getByTestId("snapshot-domain").selectOption("clinic-appointments");
  await page.getByTestId("snapshot-seed").fill("5");
  await page.getByTestId("snapshot-ratio").fill("0.25");
  await page.getByTestId("snapshot-create").click();

  const detail = page.getByTestId("snapshot-detail");
  await expect(detail).toContainText("clinic-appointments v");
  await expect(page.getByTestId("snapshot-table")).toContainText("clinic-appointments");

  // Token lengths: counted by a job the first time (a loading state meanwhile), then kept.
  const tokens = page.getByTestId("token-lengths");
  await expect(tokens).toContainText("Token lengths (Qwen3)");
  await expect(tokens.getByTestId("token-histogram")).toBeVisible({ timeout: 60_000 });
  await expect(tokens.getByTestId("token-figures")).toContainText(/median\s*[\d,]+/);
  await expect(tokens.getByTestId("token-budget")).toHaveValue("4096");
  await expect(tokens).toContainText("prompt (system + user");
  await tokens.getByTestId("token-format-chat").click();
  await expect(tokens.getByTestId("token-format-chat")).toHaveAttribute("aria-pressed", "true");
  await expect(tokens).toContainText("whole conversation", { timeout: 60_000 });
  await expect(tokens.getByTestId("token-budget")).toHaveValue("14096");
  // the median as the budget: the line falls on the chart and the longer rows are listed, each linked to its case
  const median = (await tokens.getByTestId("token-figures").locator("div", { hasText: "median" }).locator("dd").innerText()).replace(/,/g, "");
  await tokens.getByTestId("token-budget").fill(median);
  await tokens.getByTestId("token-budget").press("Enter");
  await expect(tokens.getByTestId("token-over-budget")).toContainText(`over the budget of ${Number(median).toLocaleString("en-US")} tokens`);
  await expect(tokens.getByTestId("token-over-budget").getByRole("link").first()).toHaveAttribute("href", /^\/cases\/\d+$/);
  await expect(tokens.getByTestId("token-budget-line")).toBeVisible();
  await page.screenshot({ path: "screenshots/datasets.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-chat").click()]);
  expect(download.suggestedFilename()).toMatch(/^clinic-appointments-v\d+-chat-all\.jsonl$/);
  const lines = fs.readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(lines.length).toBeGreaterThan(2);
  expect(JSON.parse(lines[0])).toHaveProperty("messages");
});
