import type { ProofResult, TestCase } from "@/lib/cases/schema";
import { DomainError } from "@/lib/errors";
import { changedParts, type AuditEntry } from "./audit";
import type { CaseDecision, CaseEdit, CaseReviewState, Reviewer, ReviewPolicy, Vote } from "./schema";
import { countVotes, reviewStatus } from "./votes";

/**
 * A case as the reviewer judges it: its proof status (and why it failed), its review so far and,
 * for an edit, its data (approve / reject / skip do not need it: bulk decisions skip loading it).
 */
export type ReviewSubject = { caseId: number; isVerified: boolean; proofReason: string; review: CaseReviewState; votes: Vote[]; testCase?: TestCase };

/** The row the decision adds to the reviews table. */
export type ReviewRecord = { kind: CaseDecision["kind"]; reason: string | null; note: string; caseRevision: number };

export type DecisionResult = {
  review: CaseReviewState;
  record: ReviewRecord;
  /** Present for an edit: the rewritten case, its proof re-run. */
  testCase?: TestCase;
  /** Absent for a skip (it changes nothing worth auditing). */
  audit?: AuditEntry;
};

export type DecideOptions = {
  policy: ReviewPolicy;
  at: string;
  /** Re-proves an edited case; null when the case has no domain to run it in (the old proof stays). */
  prove?: (testCase: TestCase) => ProofResult | null;
};

const stateOf = (s: CaseReviewState) => ({ status: s.status, revision: s.revision, approvals: s.approvals, rejections: s.rejections });

/** Applies an edit to the text fields; the structured parts stay. Refuses an edit that changes nothing. */
export function applyCaseEdit(testCase: TestCase, changes: CaseEdit): TestCase {
  const changed = Object.entries(changes).filter(([k, v]) => testCase[k as keyof CaseEdit] !== v);
  if (changed.length === 0) throw new DomainError("invalid", "The edit changes nothing.");
  return { ...testCase, ...Object.fromEntries(changed) };
}

/**
 * One reviewer's decision on one case, as plain data: the new review state, the review row and,
 * for anything but a skip, the audit entry. Approve/reject count as votes under `policy`; an edit
 * rewrites the text, re-runs the proof, bumps the revision (earlier votes stop counting) and puts
 * the case back to pending; a skip only records that this reviewer passed.
 */
export function decideCase(subject: ReviewSubject, decision: CaseDecision, reviewer: Reviewer, opts: DecideOptions): DecisionResult {
  const { review } = subject;
  const entry = (action: string, before: Record<string, unknown>, after: Record<string, unknown>): AuditEntry => ({
    actorId: reviewer.id, actorName: reviewer.name, action, entity: "case", entityId: String(subject.caseId), before, after, at: opts.at,
  });
  const note = decision.note;

  if (decision.kind === "skip") return { review, record: { kind: "skip", reason: null, note, caseRevision: review.revision } };

  if (decision.kind === "edit") {
    if (decision.baseRevision !== undefined && decision.baseRevision !== review.revision)
      throw new DomainError("conflict", `Case #${subject.caseId} was edited meanwhile (revision ${review.revision}, you edited ${decision.baseRevision}); reload it.`, { revision: review.revision });
    if (!subject.testCase) throw new DomainError("internal", `Case #${subject.caseId} was loaded without its data, so it cannot be edited.`);
    const edited = applyCaseEdit(subject.testCase, decision.changes);
    const proof = opts.prove?.(edited) ?? edited.proof;
    const testCase = { ...edited, proof };
    const next: CaseReviewState = { status: "pending", revision: review.revision + 1, approvals: 0, rejections: 0 };
    const parts = changedParts(subject.testCase as unknown as Record<string, unknown>, testCase as unknown as Record<string, unknown>);
    return {
      review: next,
      testCase,
      record: { kind: "edit", reason: null, note, caseRevision: next.revision },
      audit: entry("case.edit", { ...parts.before, review: stateOf(review) }, { ...parts.after, review: stateOf(next) }),
    };
  }

  if (decision.kind === "approve" && !subject.isVerified)
    throw new DomainError("conflict", `Case #${subject.caseId} failed its proof, so it cannot be approved: ${subject.proofReason || "no proof"}. Edit or reject it.`);
  const vote: Vote = { reviewerId: reviewer.id, verdict: decision.kind, caseRevision: review.revision, at: opts.at };
  const counts = countVotes([...subject.votes, vote], review.revision);
  const next: CaseReviewState = { ...counts, status: reviewStatus(counts, opts.policy), revision: review.revision };
  const reason = decision.kind === "reject" ? decision.reason : null;
  return {
    review: next,
    record: { kind: decision.kind, reason, note, caseRevision: review.revision },
    audit: entry(`case.${decision.kind}`, { review: stateOf(review) }, { review: stateOf(next), ...(reason ? { reason } : {}), ...(note ? { note } : {}) }),
  };
}
