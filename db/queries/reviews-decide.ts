import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { caseReviewsState, reviews } from "../schema-review";
import { getDomainById, toSpec } from "./domains";
import { getRevision, getTree } from "./trees";
import { countReviewCases, getReviewSubject, getVerdictSubject, insertAudit, matchingCaseIds, type ReviewQuery } from "./reviews";
import type { CaseRow } from "./cases";
import { decideCase, type DecisionResult } from "@/lib/review/decision";
import type { BulkDecision, CaseDecision, CaseReviewState, Reviewer, ReviewPolicy } from "@/lib/review/schema";
import type { ProofResult, TestCase } from "@/lib/cases/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { proveCase } from "@/lib/synth";
import { isDomainError } from "@/lib/errors";

/**
 * How to re-prove an edited case: in its domain, replaying its branch on the tree revision it
 * was synthesized from (the current document if that revision is gone). A case without a domain
 * (an import) has nothing to run in: null keeps its proof.
 */
function proverFor(db: Db, row: CaseRow): (tc: TestCase) => ProofResult | null {
  if (row.domainId === null) return () => null;
  const domain = toSpec(getDomainById({ db, id: row.domainId }));
  let doc: TreeDoc | undefined;
  if (row.treeId !== null) {
    try {
      doc = row.treeRevision !== null ? getRevision({ db, treeId: row.treeId, revision: row.treeRevision }).document : getTree({ db, id: row.treeId }).document;
    } catch (e) {
      if (!isDomainError(e)) throw e;
      doc = getTree({ db, id: row.treeId }).document;
    }
  }
  return (tc) => proveCase(tc, domain, doc);
}

function saveResult(db: Db, caseId: number, reviewer: Reviewer, before: CaseReviewState, result: DecisionResult, at: string): void {
  const { record } = result;
  db.insert(reviews).values({ caseId, reviewerId: reviewer.id, reviewerName: reviewer.name, decision: record.kind, reason: record.reason, note: record.note, caseRevision: record.caseRevision, createdAt: at }).run();
  if (result.review !== before) db.update(caseReviewsState).set({ ...result.review, updatedAt: at }).where(eq(caseReviewsState.caseId, caseId)).run();
  if (result.testCase) {
    const proof = result.testCase.proof;
    db.update(cases)
      .set({ data: result.testCase as unknown as Record<string, unknown>, status: proof?.verified ? "verified" : "unverified", reason: proof?.reasons.join("; ") ?? "no proof" })
      .where(eq(cases.id, caseId))
      .run();
  }
  if (result.audit) insertAudit({ db, entry: result.audit });
}

/** `proof`: the re-run proof after an edit (null for the other decisions). */
export type DecisionOutcome = { caseId: number; review: CaseReviewState; caseStatus: string; proof: ProofResult | null };

/** Loads a case, decides (re-proving an edit), and saves the review row, state, case and audit in one transaction. */
export function decideAndSave({ db, caseId, decision, reviewer, policy, at = new Date().toISOString() }: { db: Db; caseId: number; decision: CaseDecision; reviewer: Reviewer; policy: ReviewPolicy; at?: string }): DecisionOutcome {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    if (decision.kind !== "edit") {
      const subject = getVerdictSubject({ db: t, id: caseId });
      const result = decideCase(subject, decision, reviewer, { policy, at });
      saveResult(t, caseId, reviewer, subject.review, result, at);
      return { caseId, review: result.review, caseStatus: subject.isVerified ? "verified" : "unverified", proof: null };
    }
    const { row, subject } = getReviewSubject({ db: t, id: caseId });
    const result = decideCase(subject, decision, reviewer, { policy, at, prove: proverFor(t, row) });
    saveResult(t, caseId, reviewer, subject.review, result, at);
    const proof = result.testCase?.proof ?? null;
    return { caseId, review: result.review, caseStatus: proof?.verified ? "verified" : "unverified", proof };
  });
}

/** `refused` lists the first 20 cases the rule refused; `refusedCount` counts them all. */
export type BulkOutcome = { matched: number; decided: number; capped: boolean; refusedCount: number; refused: { caseId: number; message: string }[] };

/**
 * One decision for every case a query matches, oldest first, at most `cap` of them, in one
 * transaction. A case the rule refuses (approving a failed proof) is listed, not fatal.
 */
export function decideMany({ db, query, decision, reviewer, policy, cap, at = new Date().toISOString() }: { db: Db; query: ReviewQuery; decision: BulkDecision; reviewer: Reviewer; policy: ReviewPolicy; cap: number; at?: string }): BulkOutcome {
  return db.transaction((tx) => {
    const t = tx as unknown as Db;
    const matched = countReviewCases({ db: t, query });
    const ids = matchingCaseIds({ db: t, query, limit: cap });
    const refused: BulkOutcome["refused"] = [];
    for (const caseId of ids) {
      const subject = getVerdictSubject({ db: t, id: caseId });
      try {
        saveResult(t, caseId, reviewer, subject.review, decideCase(subject, decision, reviewer, { policy, at }), at);
      } catch (e) {
        if (!isDomainError(e) || e.code !== "conflict") throw e;
        refused.push({ caseId, message: e.message });
      }
    }
    return { matched, decided: ids.length - refused.length, capped: matched > ids.length, refusedCount: refused.length, refused: refused.slice(0, 20) };
  });
}
