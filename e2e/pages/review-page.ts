import { expect, type Page } from "@playwright/test";

/** The review queue and the focus view, driven the way a reviewer drives them (keyboard first). */
export class ReviewPages {
  constructor(readonly page: Page) {}

  /** Synthesizes and proves a domain's cases through the API (the curator's step before review). */
  async verifyDomain(slug: string) {
    const res = await this.page.request.post(`/api/domains/${slug}/verify`, { data: {}, timeout: 120_000 });
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { cases: number; verified: number };
  }

  async openQueue() {
    await this.page.goto("/review");
    await expect(this.page.getByTestId("review-queue")).toBeVisible();
  }

  async filter(testId: "domain" | "outcome" | "proof" | "review", value: { label: string } | string) {
    await this.page.getByTestId(`review-filter-${testId}`).selectOption(value);
  }

  rows() {
    return this.page.getByTestId("review-row");
  }

  async count(): Promise<number> {
    const text = (await this.page.getByTestId("review-count").innerText()).replace(/[^\d]/g, "");
    return Number(text);
  }

  /** Opens the first row and returns its case id. */
  async openFirst(): Promise<number> {
    const first = this.rows().first();
    const id = Number(await first.getAttribute("data-case-id"));
    await first.click();
    await this.expectFocus(id);
    return id;
  }

  async expectFocus(id: number) {
    await expect(this.page).toHaveURL(new RegExp(`/review/${id}(\\?|$)`));
    await expect(this.page.getByTestId("focus-view")).toHaveAttribute("data-case-id", String(id));
  }

  /** The id of the case the focus view shows now. */
  async focusedId(): Promise<number> {
    return Number(await this.page.getByTestId("focus-view").getAttribute("data-case-id"));
  }

  async reviewStatusOf(id: number): Promise<string> {
    const res = await this.page.request.get(`/api/review/cases/${id}`);
    return ((await res.json()) as { review: { status: string } }).review.status;
  }
}
