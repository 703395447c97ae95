import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { applyCaseEdit, decideCase, type ReviewSubject } from "./decision";
import { CaseDecision, INITIAL_REVIEW_STATE, type ReviewPolicy } from "./schema";
import { reviewCase } from "./test-fixture";

const ann = { id: "u-ann", name: "ann@example.com" };
const bob = { id: "u-bob", name: "bob@example.com" };
const one: ReviewPolicy = { overlap: 1, rule: "unanimous" };
const subject = (over: Partial<ReviewSubject> = {}): ReviewSubject => ({ caseId: 7, testCase: reviewCase(), isVerified: true, proofReason: "", review: INITIAL_REVIEW_STATE, votes: [], ...over });
const decide = (s: ReviewSubject, d: unknown, who = ann, policy = one, prove?: Parameters<typeof decideCase>[3]["prove"]) =>
  decideCase(s, CaseDecision.parse(d), who, { policy, at: "2025-01-01T00:00:00Z", prove });

describe("decideCase", () => {
  it("approves a pending case under overlap 1 and audits the state change", () => {
    const r = decide(subject(), { kind: "approve" });
    expect(r.review).toEqual({ status: "approved", revision: 0, approvals: 1, rejections: 0 });
    expect(r.record).toEqual({ kind: "approve", reason: null, note: "", caseRevision: 0 });
    expect(r.audit).toMatchObject({ actorId: "u-ann", action: "case.approve", entity: "case", entityId: "7" });
    expect(r.audit?.before).toEqual({ review: { status: "pending", revision: 0, approvals: 0, rejections: 0 } });
  });

  it("rejects with a reason and keeps it in the record and the audit", () => {
    const r = decide(subject(), { kind: "reject", reason: "leaks_hack_facts", note: "the manager claim is in the first turn" });
    expect(r.review.status).toBe("rejected");
    expect(r.record).toMatchObject({ kind: "reject", reason: "leaks_hack_facts" });
    expect(r.audit?.after).toMatchObject({ reason: "leaks_hack_facts", note: "the manager claim is in the first turn" });
  });

  it("needs a note for 'other' and a known reason", () => {
    expect(() => CaseDecision.parse({ kind: "reject", reason: "other" })).toThrow(/needs a note/);
    expect(() => CaseDecision.parse({ kind: "reject", reason: "boring" })).toThrow();
  });

  it("stays pending until the overlap is met, and a reviewer changing their vote replaces it", () => {
    const policy: ReviewPolicy = { overlap: 2, rule: "unanimous" };
    const first = decide(subject(), { kind: "approve" }, ann, policy);
    expect(first.review.status).toBe("pending");
    const votes = [{ reviewerId: ann.id, verdict: "approve" as const, caseRevision: 0, at: "2025-01-01T00:00:00Z" }];
    const again = decide(subject({ review: first.review, votes }), { kind: "approve" }, ann, policy);
    expect(again.review).toMatchObject({ status: "pending", approvals: 1 });
    const second = decide(subject({ review: first.review, votes }), { kind: "approve" }, bob, policy);
    expect(second.review).toMatchObject({ status: "approved", approvals: 2 });
  });

  it("refuses to approve a case whose proof failed, naming the reasons", () => {
    const failed = reviewCase({ proof: { verified: false, reasons: ["hack path changes nothing"], normal: { reachedLeaf: true, finalHash: "h", matchesExpected: true }, hack: null } });
    expect(() => decide(subject({ testCase: failed, isVerified: false, proofReason: "hack path changes nothing" }), { kind: "approve" })).toThrow(/failed its proof.*hack path changes nothing/);
    expect(decide(subject({ testCase: failed, isVerified: false, proofReason: "hack path changes nothing" }), { kind: "reject", reason: "bad_tool_path" }).review.status).toBe("rejected");
  });

  it("records a skip without changing the state or auditing it", () => {
    const r = decide(subject(), { kind: "skip" });
    expect(r.review).toBe(INITIAL_REVIEW_STATE);
    expect(r.record.kind).toBe("skip");
    expect(r.audit).toBeUndefined();
  });

  it("an edit rewrites the text, re-proves, bumps the revision, resets to pending and audits the diff", () => {
    const approved = { status: "approved" as const, revision: 0, approvals: 1, rejections: 0 };
    let proved = 0;
    const prove = () => { proved++; return { verified: true, reasons: ["re-run"], normal: { reachedLeaf: true, finalHash: "h", matchesExpected: true }, hack: null }; };
    const r = decide(subject({ review: approved }), { kind: "edit", changes: { task: "Please cancel o3." }, baseRevision: 0 }, ann, one, prove);
    expect(proved).toBe(1);
    expect(r.testCase?.task).toBe("Please cancel o3.");
    expect(r.testCase?.initial_db).toEqual(reviewCase().initial_db);
    expect(r.review).toEqual({ status: "pending", revision: 1, approvals: 0, rejections: 0 });
    expect(r.audit?.before).toMatchObject({ task: "Cancel my order o3, please.", proof: { reasons: [] } });
    expect(r.audit?.after).toMatchObject({ task: "Please cancel o3.", proof: { reasons: ["re-run"] }, review: { revision: 1 } });
    expect(r.audit?.before).not.toHaveProperty("initial_db");
  });

  it("an edit on a stale revision is a conflict; an edit that changes nothing is refused", () => {
    const edited = { status: "pending" as const, revision: 2, approvals: 0, rejections: 0 };
    const stale = () => decide(subject({ review: edited }), { kind: "edit", changes: { task: "x" }, baseRevision: 1 });
    expect(stale).toThrow(DomainError);
    expect(stale).toThrow(/edited meanwhile/);
    expect(() => decide(subject(), { kind: "edit", changes: { task: reviewCase().task } })).toThrow(/changes nothing/);
  });

  it("approve and reject need no case data; an edit does", () => {
    expect(decide(subject({ testCase: undefined }), { kind: "approve" }).review.status).toBe("approved");
    expect(() => decide(subject({ testCase: undefined }), { kind: "edit", changes: { task: "x" } })).toThrow(/without its data/);
  });

  it("an edit keeps the old proof when there is nothing to prove it in", () => {
    const r = decide(subject(), { kind: "edit", changes: { persona: "A patient retiree" } }, ann, one, () => null);
    expect(r.testCase?.proof).toEqual(reviewCase().proof);
  });
});

describe("CaseEdit", () => {
  it("accepts only the editable fields and refuses empty edits", () => {
    expect(() => CaseDecision.parse({ kind: "edit", changes: {} })).toThrow(/at least one field/);
    expect(() => CaseDecision.parse({ kind: "edit", changes: { initial_db: {} } })).toThrow();
    expect(() => CaseDecision.parse({ kind: "edit", changes: { task: "  " } })).toThrow(/cannot be empty/);
    expect(applyCaseEdit(reviewCase(), { evaluation: "New" }).evaluation).toBe("New");
  });
});
