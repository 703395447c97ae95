import { expect, test } from "@playwright/test";
import { DomainPages } from "./pages/domain-page";
import { EditorPage } from "./pages/editor-page";

test("the studio opens with the seeded example domains", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByTestId("domain-retail-orders")).toBeVisible();
  await expect(page.getByTestId("domain-clinic-appointments")).toBeVisible();
  await page.screenshot({ path: "screenshots/home.png", fullPage: true });
});

test("a curator creates a domain, builds a 3-level tree by clicking, saves and sees it after a reload", async ({ page }) => {
  const domains = new DomainPages(page);
  await domains.createDomain("E2E Library", "e2e-library");
  const treeId = await domains.createTree("Renew a loan");

  const editor = new EditorPage(page);
  await editor.select("Renew a loan");
  await editor.addChild("decision", "Loan found");
  await editor.addChild("refuse", "Loan is overdue");
  await editor.select("Loan found");
  await editor.addChild("execute", "Renew the loan");
  await editor.select("Renew a loan");
  await editor.addChild("clarify", "Ask for the loan id");
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await page.screenshot({ path: "screenshots/editor-built.png" });

  await editor.save();
  await expect(editor.savedMarker()).toContainText("r2");

  await page.reload();
  await editor.open(treeId);
  for (const label of ["Renew a loan", "Loan found", "Loan is overdue", "Renew the loan", "Ask for the loan id"]) {
    await expect(editor.node(label)).toBeVisible();
  }
  await expect(page.getByTestId("branch-list")).toContainText("refuse");
});

test("saving from a page that holds a stale revision shows a conflict and overwrites nothing", async ({ page, context }) => {
  const domains = new DomainPages(page);
  await domains.createDomain("E2E Conflict", "e2e-conflict");
  const treeId = await domains.createTree("Cancel a booking");

  const first = new EditorPage(page);
  const second = new EditorPage(await context.newPage());
  await first.open(treeId);
  await second.open(treeId);

  await first.select("Cancel a booking");
  await first.addChild("abort", "Saved first");
  await first.save();
  await expect(first.savedMarker()).toContainText("r2");

  await second.select("Cancel a booking");
  await second.addChild("abort", "Saved second");
  await second.save();
  await expect(second.page.getByTestId("conflict-banner")).toBeVisible();
  await expect(second.page.getByTestId("conflict-banner")).toContainText("revision 2");
  await second.page.screenshot({ path: "screenshots/editor-conflict.png" });

  await first.page.reload();
  await first.open(treeId);
  await expect(first.node("Saved first")).toBeVisible();
  await expect(first.page.getByText("Saved second")).toHaveCount(0);
});
