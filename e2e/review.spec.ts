import { expect, test, type Browser, type Page } from "@playwright/test";
import { ReviewPages } from "./pages/review-page";

/** An account the admin (this spec's default session) creates, signed in through the sign-in page in its own browser context. */
async function signedInAs(admin: Page, browser: Browser, role: "reviewer" | "curator"): Promise<Page> {
  const email = `${role}-${Date.now()}@example.com`;
  const password = `${role}-password`;
  const created = await admin.request.post("/api/users", { data: { email, role, password } });
  expect(created.status(), await created.text()).toBe(201);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto("/review");
  await page.getByTestId("sign-in-email").fill(email);
  await page.getByTestId("sign-in-password").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await expect(page.getByTestId("account-role")).toHaveText(role);
  return page;
}

test("a reviewer filters the queue, approves with A, rejects with a reason, and edits a case that is re-verified; a curator cannot approve", async ({ page: admin, browser }) => {
  test.setTimeout(180_000);
  const verified = await new ReviewPages(admin).verifyDomain("clinic-appointments");
  expect(verified.verified).toBeGreaterThan(2);
  const page = await signedInAs(admin, browser, "reviewer");
  const review = new ReviewPages(page);

  await review.openQueue();
  await review.filter("domain", { label: "Clinic appointments" });
  await review.filter("outcome", "refuse");
  await review.filter("review", "pending");
  await expect(page).toHaveURL(/domain=clinic-appointments/);
  await expect(page).toHaveURL(/outcome=refuse/);
  await expect(review.rows().first()).toBeVisible();
  const pending = await review.count();
  expect(pending).toBeGreaterThanOrEqual(2);
  await expect(review.rows().first()).toContainText("refuse");
  await page.screenshot({ path: "screenshots/review-queue.png" });

  // The focus view: approve with the keyboard; the next case opens.
  const first = await review.openFirst();
  await expect(page.getByTestId("case-body")).toBeVisible();
  await expect(page.getByTestId("proof")).toBeVisible();
  await page.screenshot({ path: "screenshots/review-focus.png", fullPage: true });
  await page.keyboard.press("a");
  await expect(page.getByTestId("flash")).toContainText(`Case #${first} approved`);
  await expect.poll(() => review.focusedId()).not.toBe(first);
  expect(await review.reviewStatusOf(first)).toBe("approved");
  const second = await review.focusedId();

  // Reject with a reason picked by its number key.
  await page.keyboard.press("r");
  const dialog = page.getByTestId("reject-dialog");
  await expect(dialog).toBeVisible();
  await page.keyboard.press("3");
  await expect(page.getByTestId("reason-leaks_hack_facts")).toHaveClass(/selected/);
  await page.screenshot({ path: "screenshots/review-reject.png" });
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("flash")).toContainText(`Case #${second} rejected (leaks hack facts up front)`);
  expect(await review.reviewStatusOf(second)).toBe("rejected");

  // Edit the case now open: the proof re-runs on save and the edit lands in the audit trail.
  const third = await review.focusedId();
  expect(third).not.toBe(second);
  await page.keyboard.press("e");
  await page.getByTestId("edit-task").fill("I have to cancel my appointment today — can you do it?");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("edit-notice")).toContainText("the proof re-ran and still holds");
  await expect(page.getByTestId("focus-task")).toContainText("I have to cancel my appointment today");
  await expect(page.getByTestId("audit-trail")).toContainText("edit by");
  await expect(page.getByTestId("audit-trail")).toContainText("task:");
  await page.screenshot({ path: "screenshots/review-edited.png", fullPage: true });

  // Back in the queue, the decided cases left the pending filter.
  await page.getByTestId("back-to-queue").click();
  await expect(page.getByTestId("review-queue")).toBeVisible();
  await expect.poll(() => review.count()).toBe(pending - 2);

  // Bulk: approve what is left after a confirmation that shows the count.
  await page.getByTestId("bulk-approve").click();
  const bulk = page.getByTestId("bulk-dialog");
  await expect(bulk).toContainText(`Approve ${pending - 2} case(s)?`);
  await expect(bulk).toContainText("domain = clinic-appointments, outcome = refuse, review = pending");
  await page.screenshot({ path: "screenshots/review-bulk.png" });
  await page.getByTestId("bulk-confirm").click();
  await expect(page.getByTestId("bulk-result")).toContainText(`Decided ${pending - 2} of ${pending - 2} case(s)`);
  await expect(page.getByTestId("review-empty")).toBeVisible();
  expect(await review.reviewStatusOf(first)).toBe("approved");

  // A curator sees the same case but the decision is refused with the role it needs.
  const curator = await signedInAs(admin, browser, "curator");
  const curatorReview = new ReviewPages(curator);
  await curatorReview.openQueue();
  await curatorReview.filter("review", "pending");
  await expect(curatorReview.rows().first()).toBeVisible();
  const target = await curatorReview.openFirst();
  await curator.keyboard.press("a");
  await expect(curator.getByTestId("decision-error")).toContainText(/This needs the (reviewer|admin|reviewer or admin) role; curator-.*@example.com is a curator/);
  expect(await curatorReview.reviewStatusOf(target)).toBe("pending");
  await curator.screenshot({ path: "screenshots/review-curator-refused.png" });
  await page.context().close();
  await curator.context().close();
});
