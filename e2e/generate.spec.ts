import { expect, test } from "@playwright/test";
import { GeneratePages } from "./pages/generate-page";

// The studio's LLM is the loopback OpenAI double started by playwright.config.ts's second
// webServer (--scenario studio answers the writer's case_rewrite schema in the persona's voice).
const DOUBLE_URL = `http://127.0.0.1:${process.env.E2E_LLM_PORT ?? 4011}/v1`;

test("an admin points the studio at a provider; a curator previews, generates persona-voiced cases and opens one", async ({ page }) => {
  test.setTimeout(180_000);
  const pages = new GeneratePages(page);

  // Without a provider the page says exactly what is missing and offers the deterministic generator.
  await pages.open("Clinic appointments", "Cancel or reschedule an appointment");
  await expect(page.getByTestId("llm-not-configured")).toContainText("FLYWHEEL_LLM_BASE_URL");
  await expect(page.getByTestId("use-deterministic")).toBeChecked();

  await pages.configureLlm(DOUBLE_URL, "double-model");
  await page.screenshot({ path: "screenshots/settings.png", fullPage: true });

  try {
    await pages.open("Clinic appointments", "Cancel or reschedule an appointment");
    await expect(page.getByTestId("use-llm")).toBeChecked();
    await expect(page.getByTestId("writer-model")).toContainText("double-model");
    await page.getByTestId("persona-count").fill("6");

    await page.getByTestId("preview-3").click();
    const cards = page.getByTestId("preview-case");
    await expect(cards).toHaveCount(3, { timeout: 60_000 });
    for (const task of await page.getByTestId("preview-task").allTextContents()) expect(task).toMatch(/^So, I'm /);
    await expect(cards.first()).toContainText("proof verified");

    await page.getByTestId("generate-start").click();
    await expect(page.getByTestId("job-status")).toHaveText("succeeded", { timeout: 120_000 });
    await expect(page.getByTestId("job-counts")).toContainText(/(\d+) done · 0 failed · 0 to go · \1 total/);
    await expect(page.getByTestId("generation-done")).toBeVisible();
    await page.screenshot({ path: "screenshots/generate.png", fullPage: true });

    // A generated case: the request is in its persona's voice, and its proof holds.
    await page.getByTestId("generated-cases").getByRole("link").first().click();
    const detail = page.getByTestId("case-detail");
    await expect(detail).toBeVisible();
    await expect(detail.getByRole("heading", { level: 1 })).toContainText("So, I'm ");
    await expect(detail).toContainText("proof verified");
    const persona = (await detail.locator("h3", { hasText: "Persona" }).locator("xpath=following-sibling::p[1]").textContent()) ?? "";
    const firstWords = persona.split(/[,;.]/)[0].split(/\s+/).slice(1, 4).join(" ");
    await expect(detail.getByRole("heading", { level: 1 })).toContainText(firstWords);
  } finally {
    await pages.resetLlm();
  }
});
