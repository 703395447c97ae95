import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { domains, cases, trees } from "../schema";
import { auditLog, caseReviewsState } from "../schema-review";
import { reviewDb } from "./reviews-fixture";
import { caseNeighbors, getReviewSubject, listAudit, listCaseReviews, listReviewCases } from "./reviews";
import { decideAndSave, decideMany } from "./reviews-decide";
import { reviewStats } from "./reviews-stats";
import { CaseDecision, type ReviewPolicy } from "@/lib/review/schema";

const ann = { id: "u-ann", name: "Ann" };
const bob = { id: "u-bob", name: "Bob" };
const one: ReviewPolicy = { overlap: 1, rule: "unanimous" };
const decision = (d: unknown) => CaseDecision.parse(d);
const ids = (r: { rows: { id: number }[] }) => r.rows.map((x) => x.id);

describe("review queue queries", () => {
  it("gives every case a pending state (trigger) and filters by each column", () => {
    const { db, shopId, otherId, treeId, shopCaseIds, otherCaseIds } = reviewDb();
    const all = listReviewCases({ db, query: {} });
    expect(all.total).toBe(shopCaseIds.length + 2);
    expect(all.rows.every((r) => r.reviewStatus === "pending" && r.revision === 0)).toBe(true);
    expect(all.rows[0].task).toMatch(/cancel an order/);
    expect(all.rows[0].labels[0]).toBe("Customer wants to cancel an order");
    expect(listReviewCases({ db, query: { domainId: shopId } }).total).toBe(shopCaseIds.length);
    expect(listReviewCases({ db, query: { treeId } }).total).toBe(shopCaseIds.length);
    expect(ids(listReviewCases({ db, query: { domainId: otherId, status: "unverified" } }))).toEqual([otherCaseIds[1]]);
    expect(ids(listReviewCases({ db, query: { generator: "llm:qwen", personaId: "p-7" } }))).toEqual([otherCaseIds[0]]);
    const refusals = listReviewCases({ db, query: { domainId: shopId, outcome: "refuse" } });
    expect(refusals.total).toBeGreaterThan(0);
    expect(refusals.rows.every((r) => r.outcome === "refuse" && r.domainSlug === "shop")).toBe(true);
  });

  it("pages by offset with a stable total, oldest first", () => {
    const { db } = reviewDb();
    const first = listReviewCases({ db, query: {}, limit: 3, offset: 0 });
    const second = listReviewCases({ db, query: {}, limit: 3, offset: 3 });
    expect(first.total).toBe(second.total);
    expect([...ids(first), ...ids(second)]).toEqual(ids(listReviewCases({ db, query: {}, limit: 6 })));
    expect(ids(first)[0]).toBeLessThan(ids(first)[1]);
  });

  it("searches the request and backgrounds by substring (3+ characters), case-insensitively, taking % and _ literally", () => {
    const { db, otherCaseIds } = reviewDb();
    expect(ids(listReviewCases({ db, query: { q: "REFUND 50%" } }))).toEqual([otherCaseIds[1]]);
    expect(ids(listReviewCases({ db, query: { q: "o9_" } }))).toEqual([otherCaseIds[1]]);
    expect(ids(listReviewCases({ db, query: { q: "0% of" } }))).toEqual([otherCaseIds[1]]);
    expect(ids(listReviewCases({ db, query: { q: "manager said" } }))).toEqual(otherCaseIds); // hack background
    expect(listReviewCases({ db, query: { q: "no such words" } }).total).toBe(0);
    expect(listReviewCases({ db, query: { q: 'say "hi"' } }).total).toBe(0);
  });

  it("finds the neighbours of a case in the filtered queue and its position", () => {
    const { db, shopId } = reviewDb();
    const refusals = ids(listReviewCases({ db, query: { domainId: shopId, outcome: "refuse" } }));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
    const n = caseNeighbors({ db, query: { domainId: shopId, outcome: "refuse" }, id: refusals[0] });
    expect(n).toEqual({ previous: null, next: refusals[1], position: 1, total: refusals.length });
  });
});

describe("decisions", () => {
  it("approves: the state, the review row and the audit entry are written together", () => {
    const { db, shopCaseIds } = reviewDb();
    const id = shopCaseIds[0];
    const out = decideAndSave({ db, caseId: id, decision: decision({ kind: "approve", note: "clean" }), reviewer: ann, policy: one });
    expect(out.review).toEqual({ status: "approved", revision: 0, approvals: 1, rejections: 0 });
    expect(listCaseReviews({ db, caseId: id })).toMatchObject([{ reviewerId: "u-ann", reviewerName: "Ann", decision: "approve", note: "clean" }]);
    expect(listAudit({ db, entity: "case", entityId: String(id) })).toMatchObject([{ actorId: "u-ann", action: "case.approve", after: { review: { status: "approved" } } }]);
    expect(ids(listReviewCases({ db, query: { review: "approved" } }))).toEqual([id]);
    expect(ids(listReviewCases({ db, query: { reviewerId: "u-ann" } }))).toEqual([id]);
  });

  it("a reviewer's to-do list drops what they decided or skipped, and drops cases others decided", () => {
    const { db, shopCaseIds, otherCaseIds } = reviewDb();
    const total = shopCaseIds.length + otherCaseIds.length;
    decideAndSave({ db, caseId: shopCaseIds[0], decision: decision({ kind: "skip" }), reviewer: ann, policy: one });
    decideAndSave({ db, caseId: shopCaseIds[1], decision: decision({ kind: "reject", reason: "duplicate" }), reviewer: bob, policy: one });
    expect(listReviewCases({ db, query: { todoFor: "u-ann" } }).total).toBe(total - 2);
    expect(listReviewCases({ db, query: { todoFor: "u-bob" } }).total).toBe(total - 1);
    expect(getReviewSubject({ db, id: shopCaseIds[0] }).subject.review.status).toBe("pending");
  });

  it("an edit re-runs the real proof in the case's domain and branch, and search sees the new text", () => {
    const { db, shopCaseIds } = reviewDb();
    const id = shopCaseIds[2];
    decideAndSave({ db, caseId: id, decision: decision({ kind: "approve" }), reviewer: ann, policy: one });
    const out = decideAndSave({ db, caseId: id, decision: decision({ kind: "edit", changes: { task: "Cancel order o1 right now, zebra." }, baseRevision: 0 }), reviewer: ann, policy: one });
    expect(out.review).toEqual({ status: "pending", revision: 1, approvals: 0, rejections: 0 });
    expect(out.caseStatus).toBe("verified");
    expect(out.proof?.reasons).toEqual([]);
    expect(ids(listReviewCases({ db, query: { q: "zebra" } }))).toEqual([id]);
    const [edit] = listAudit({ db, entity: "case", entityId: String(id) });
    expect(edit).toMatchObject({ action: "case.edit", after: { task: "Cancel order o1 right now, zebra." } });
    expect(() => decideAndSave({ db, caseId: id, decision: decision({ kind: "edit", changes: { task: "again" }, baseRevision: 0 }), reviewer: bob, policy: one })).toThrow(/edited meanwhile/);
  });

  it("an edit whose re-proof fails leaves the case unverified with the reasons, so it cannot be approved", () => {
    const { db, shopId, shopCaseIds } = reviewDb();
    const withCancel = shopCaseIds.find((id) => getReviewSubject({ db, id }).subject.testCase!.tool_return_expected.normal_path.some((s) => s.tool_name === "cancel_order"))!;
    // The domain changed since synthesis: cancel_order now refuses everything.
    const spec = db.select().from(domains).where(eq(domains.id, shopId)).get()!;
    const tools = spec.tools.map((t) => (t.name === "cancel_order" && t.effect.kind === "write" ? { ...t, effect: { ...t.effect, preconditions: [{ check: "false", error: "closed" }] } } : t));
    db.update(domains).set({ tools }).where(eq(domains.id, shopId)).run();
    const out = decideAndSave({ db, caseId: withCancel, decision: decision({ kind: "edit", changes: { persona: "A careful retiree" } }), reviewer: ann, policy: one });
    expect(out.caseStatus).toBe("unverified");
    expect(out.proof?.reasons.join(" ")).toMatch(/output differs/);
    expect(db.select().from(cases).where(eq(cases.id, withCancel)).get()!.reason).toMatch(/output differs/);
    expect(() => decideAndSave({ db, caseId: withCancel, decision: decision({ kind: "approve" }), reviewer: ann, policy: one })).toThrow(/failed its proof/);
  });

  it("bulk-approves the matching cases up to the cap, listing the ones the rule refuses", () => {
    const { db, otherId, shopId, shopCaseIds } = reviewDb();
    const other = decideMany({ db, query: { domainId: otherId }, decision: { kind: "approve", note: "" }, reviewer: ann, policy: one, cap: 100 });
    expect(other).toMatchObject({ matched: 2, decided: 1, capped: false, refusedCount: 1 });
    expect(other.refused[0].message).toMatch(/failed its proof/);
    const capped = decideMany({ db, query: { domainId: shopId }, decision: { kind: "reject", reason: "duplicate", note: "" }, reviewer: ann, policy: one, cap: 3 });
    expect(capped).toMatchObject({ matched: shopCaseIds.length, decided: 3, capped: true });
    expect(listReviewCases({ db, query: { review: "rejected" } }).total).toBe(3);
    expect(db.select({ n: sql<number>`count(*)` }).from(auditLog).get()!.n).toBe(4);
  });

  it("keeps the state's copies in step when a case changes, also through a foreign-key action", () => {
    const { db, treeId, shopCaseIds } = reviewDb();
    db.update(cases).set({ outcome: "abort", generator: "manual" }).where(eq(cases.id, shopCaseIds[0])).run();
    expect(ids(listReviewCases({ db, query: { generator: "manual", outcome: "abort" } }))).toEqual([shopCaseIds[0]]);
    db.delete(trees).where(eq(trees.id, treeId)).run(); // cases.tree_id → null
    expect(listReviewCases({ db, query: { treeId } }).total).toBe(0);
    expect(listReviewCases({ db, query: {} }).total).toBe(shopCaseIds.length + 2);
  });

  it("deleting cases (as a re-synthesis does) removes their state and search rows", () => {
    const { db, treeId } = reviewDb();
    db.delete(cases).where(eq(cases.treeId, treeId)).run();
    expect(db.select({ n: sql<number>`count(*)` }).from(caseReviewsState).get()!.n).toBe(2);
    expect(listReviewCases({ db, query: { q: "cancel an order" } }).total).toBe(0);
  });
});

describe("reviewStats", () => {
  it("counts statuses and measures agreement over the current votes", () => {
    const { db, shopCaseIds } = reviewDb();
    const two: ReviewPolicy = { overlap: 2, rule: "unanimous" };
    const [a, b, c] = shopCaseIds;
    for (const [id, who, kind] of [[a, ann, "approve"], [a, bob, "approve"], [b, ann, "approve"], [b, bob, "reject"], [c, ann, "reject"], [c, bob, "reject"]] as const)
      decideAndSave({ db, caseId: id, decision: decision(kind === "reject" ? { kind, reason: "wrong_outcome" } : { kind }), reviewer: who, policy: two });
    const stats = reviewStats({ db, query: {} });
    expect(stats.byStatus).toEqual({ approved: 1, rejected: 2, pending: shopCaseIds.length + 2 - 3 });
    expect(stats.agreement.items).toBe(3);
    expect(stats.agreement.percentAgreement).toBeCloseTo(2 / 3, 10);
    expect(stats.agreement.pairs).toHaveLength(1);
    expect(stats.rejectReasons).toEqual({ wrong_outcome: 3 });
    expect(stats.reviewers.map((r) => [r.name, r.approve, r.reject])).toEqual([["Ann", 2, 1], ["Bob", 1, 2]]);

    // Ann changes her mind on c: only her latest verdict counts for agreement and reasons.
    decideAndSave({ db, caseId: c, decision: decision({ kind: "approve" }), reviewer: ann, policy: two });
    const after = reviewStats({ db, query: {} });
    expect(after.rejectReasons).toEqual({ wrong_outcome: 2 });
    expect(after.agreement.percentAgreement).toBeCloseTo(1 / 3, 10);
    expect(after.reviewers.find((r) => r.name === "Ann")).toMatchObject({ approve: 3, reject: 1 });
    expect(reviewStats({ db, query: { domainId: 999 } }).agreement.items).toBe(0);
  });
});
