import { expect, test } from "@playwright/test";
import { DomainPages } from "./pages/domain-page";
import { EditorPage } from "./pages/editor-page";
import { GeneratePages } from "./pages/generate-page";

// The LLM expander's provider: the loopback OpenAI double (playwright.config.ts's second web
// server), whose studio scenario answers the tree_proposal schema.
const DOUBLE_URL = `http://127.0.0.1:${process.env.E2E_LLM_PORT ?? 4011}/v1`;
const STEPS = ["Verify the patient", "Look up the appointment", "Cancel the appointment"];

test("a curator expands a 3-step workflow, reviews the diff on the canvas, accepts it, saves and sees the branches after a reload", async ({ page }) => {
  await page.goto("/domains/clinic-appointments");
  const treeId = await new DomainPages(page).createTree("Cancel an appointment (expanded)");
  const editor = new EditorPage(page);
  await expect(editor.node("Cancel an appointment (expanded)")).toBeVisible();

  await page.getByTestId("expand-workflow").click();
  const dialog = page.getByTestId("expand-dialog");
  await expect(dialog).toBeVisible();
  // No provider is configured in a fresh studio (a spec that saves one resets it afterwards).
  await expect(dialog.getByTestId("expand-no-llm")).toContainText("No LLM provider configured: using the deterministic expander");
  await expect(dialog.getByTestId("expand-steps")).toHaveValue(""); // a new tree has no happy path to prefill
  await dialog.getByTestId("expand-steps").fill(STEPS.join("\n"));
  await page.screenshot({ path: "screenshots/expand-dialog.png" });
  await dialog.getByTestId("expand-submit").click();

  // The proposal is on the canvas as a diff; the tree itself is unchanged until accepted.
  const panel = page.getByTestId("proposal-panel");
  await expect(panel).toBeVisible();
  await expect(dialog).toHaveCount(0);
  await expect(panel.getByTestId("proposal-summary")).toContainText(/\+\d+ added/);
  await expect(page.getByTestId("diff-added").first()).toBeVisible();
  await expect(page.getByTestId("diff-changed").first()).toBeVisible();
  await expect(editor.node("Verify the patient")).toBeVisible();
  await expect(page.getByTestId("saved-marker")).toBeVisible();
  await page.screenshot({ path: "screenshots/expand-proposal.png" });
  // A row of the change list shows its node on the canvas, close enough to read.
  await panel.getByTestId("change-get_appointment").getByRole("button").click();
  await expect(page.getByTestId("node-get_appointment")).toBeInViewport();
  await page.waitForTimeout(400); // the centring animation
  await page.getByTestId("tree-canvas").screenshot({ path: "screenshots/expand-proposal-zoom.png" });

  await panel.getByTestId("proposal-accept-all").click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId("diff-added")).toHaveCount(0);
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  const branchList = page.getByTestId("branch-list");
  for (const outcome of ["execute", "clarify", "refuse", "transfer", "abort"]) {
    await expect(branchList.getByTestId(`outcome-count-${outcome}`)).toBeVisible();
  }
  const branchCount = Number(await branchList.locator(".count-pill").first().innerText());
  expect(branchCount).toBeGreaterThanOrEqual(8);

  // One undo step takes the whole proposal back, one redo brings it again.
  await page.getByTestId("undo").click();
  await expect(page.getByTestId("saved-marker")).toBeVisible();
  await page.getByTestId("redo").click();
  await expect(page.getByTestId("dirty-marker")).toBeVisible();

  await editor.save();
  await expect(editor.savedMarker()).toContainText("r2");

  await page.reload();
  await editor.open(treeId);
  await expect(branchList.locator(".count-pill").first()).toHaveText(String(branchCount));
  await expect(branchList).toContainText("The appointment is already cancelled");
  await expect(branchList.getByTestId("outcome-count-transfer")).toBeVisible();
  await page.getByTestId("fit-view").click();
  await page.screenshot({ path: "screenshots/expand-accepted.png" });
});

test("with a provider configured, the LLM expander runs as a job and its proposal is accepted in part", async ({ page }) => {
  test.setTimeout(120_000);
  const settings = new GeneratePages(page);
  await settings.configureLlm(DOUBLE_URL, "double-model");
  try {
    await page.goto("/domains/clinic-appointments");
    await new DomainPages(page).createTree("Cancel an appointment (LLM)");
    await page.getByTestId("expand-workflow").click();
    const dialog = page.getByTestId("expand-dialog");
    await expect(dialog.getByTestId("expand-mode-llm")).toBeChecked();
    await dialog.getByTestId("expand-steps").fill(STEPS.join("\n"));
    await dialog.getByTestId("expand-submit").click();

    const panel = page.getByTestId("proposal-panel");
    await expect(panel).toBeVisible({ timeout: 60_000 });
    await expect(panel).toContainText("from the LLM expander");
    await expect(panel.getByTestId("proposal-notes")).toContainText("Written by the OpenAI test double");

    // Untick the new confirmation (its subtree goes with it), accept the rest.
    await panel.getByTestId("change-confirm-cancel_appointment").getByRole("checkbox").uncheck();
    await expect(panel.getByTestId("change-done").getByRole("checkbox")).not.toBeChecked();
    await panel.getByTestId("proposal-accept-selected").click();
    await expect(panel).toHaveCount(0);
    const editor = new EditorPage(page);
    await expect(editor.node("Look up the appointment")).toBeVisible();
    await expect(page.getByTestId("branch-list")).not.toContainText("Done: cancel the appointment");
    await page.screenshot({ path: "screenshots/expand-llm-partial.png" });
  } finally {
    await settings.resetLlm();
  }
});
