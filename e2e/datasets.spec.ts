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
  await page.screenshot({ path: "screenshots/datasets.png", fullPage: true });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("download-chat").click()]);
  expect(download.suggestedFilename()).toMatch(/^clinic-appointments-v\d+-chat-all\.jsonl$/);
  const lines = fs.readFileSync((await download.path())!, "utf8").trim().split("\n");
  expect(lines.length).toBeGreaterThan(2);
  expect(JSON.parse(lines[0])).toHaveProperty("messages");
});
