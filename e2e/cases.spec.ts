import { expect, test } from "@playwright/test";
import path from "node:path";

test("a curator synthesizes and verifies every branch of a domain, then opens a case with its proof", async ({ page }) => {
  await page.goto("/domains/clinic-appointments");
  await page.getByTestId("domain-cases-link").click();
  await page.getByTestId("verify-domain").click();
  const summary = page.getByTestId("verify-summary");
  await expect(summary).toBeVisible({ timeout: 60_000 });
  await expect(summary).toContainText(/(\d+) of \1 branches verified/);
  await expect(page.getByTestId("case-table")).toBeVisible();

  await page.getByTestId("filter-outcome").selectOption("refuse");
  await page.getByTestId("case-table").getByRole("link").first().click();
  const detail = page.getByTestId("case-detail");
  await expect(detail).toBeVisible();
  await expect(detail).toContainText("proof verified");
  await expect(page.getByTestId("proof")).toContainText("violates the policy");
  await page.screenshot({ path: "screenshots/case-detail.png", fullPage: true });
});

test("importing the paper's records lists every rejected record with its reason", async ({ page }) => {
  await page.goto("/import");
  await page.getByTestId("import-file").setInputFiles(path.join(__dirname, "../lib/import/fixtures/paper-records-bad.jsonl"));
  await page.getByTestId("import-submit").click();
  const result = page.getByTestId("import-result");
  await expect(result).toBeVisible();
  await expect(result).toContainText("1 imported");
  await expect(result).toContainText("no <policy> block");
  await page.screenshot({ path: "screenshots/import.png", fullPage: true });
});
