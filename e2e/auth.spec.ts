import { expect, test, type Page } from "@playwright/test";
import { EditorPage } from "./pages/editor-page";

const signedOut = { cookies: [], origins: [] };

async function signIn(page: Page, email: string, password: string) {
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

test.describe("signed out", () => {
  test.use({ storageState: signedOut });

  test("a page sends a signed-out visitor to the sign-in page, and the API answers 401", async ({ page }) => {
    await page.goto("/trees/1");
    await expect(page).toHaveURL(/\/sign-in\?next=%2Ftrees%2F1$/);
    await expect(page.getByTestId("sign-in-form")).toBeVisible();
    await page.screenshot({ path: "screenshots/sign-in.png" });
    const api = await page.request.get("/api/domains");
    expect(api.status()).toBe(401);
  });
});

test("an admin adds a reviewer; the reviewer signs in, cannot save a tree, and signs out", async ({ page, browser }) => {
  const email = `reviewer-${Date.now()}@example.com`;
  await page.goto("/settings/accounts");
  await expect(page.getByTestId("account-role")).toHaveText("admin");
  await page.getByTestId("new-account-email").fill(email);
  await page.getByTestId("new-account-role").selectOption("reviewer");
  await page.getByTestId("new-account-password").fill("reviewer-password");
  await page.getByTestId("create-account").click();
  await expect(page.getByTestId("new-account-created")).toContainText(email);
  await expect(page.getByTestId(`account-${email}`)).toContainText("reviewer");
  await page.screenshot({ path: "screenshots/accounts.png", fullPage: true });

  const context = await browser.newContext({ storageState: signedOut });
  const reviewer = await context.newPage();
  await reviewer.goto("/trees/1");
  await signIn(reviewer, email, "wrong-password");
  await expect(reviewer.getByTestId("sign-in-error")).toHaveText("Wrong email or password.");
  await signIn(reviewer, email, "reviewer-password");
  await expect(reviewer).toHaveURL(/\/trees\/1$/);
  await expect(reviewer.getByTestId("account-role")).toHaveText("reviewer");

  const { tree } = (await (await reviewer.request.get("/api/trees/1")).json()) as { tree: { document: { rootId: string; nodes: Record<string, { label: string }> } } };
  const editor = new EditorPage(reviewer);
  await editor.open(1);
  await editor.select(tree.document.nodes[tree.document.rootId].label);
  await editor.addChild("abort", "Reviewer edit");
  await editor.save();
  await expect(reviewer.getByTestId("editor-error")).toContainText(`Not saved: This needs the curator or admin role; ${email} is a reviewer.`);
  await reviewer.screenshot({ path: "screenshots/reviewer-save-refused.png" });

  reviewer.on("dialog", (d) => void d.accept()); // the editor asks before leaving unsaved edits
  await reviewer.getByTestId("sign-out").click();
  await expect(reviewer).toHaveURL(/\/sign-in$/);
  await reviewer.goto("/");
  await expect(reviewer).toHaveURL(/\/sign-in/);
  await context.close();
});
