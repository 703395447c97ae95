import type { Db } from "@/db/client";
import { caseReviewCounts, casesWithStatus, problemReviewCounts, problemsWithStatus } from "@/db/queries/round-data";
import { updateRound, type RoundRow } from "@/db/queries/rounds";
import { setProblemStatus } from "@/db/queries/problems";
import { decideAndSave } from "@/db/queries/reviews-decide";
import type { StepContext, StepOutcome } from "../context";
import type { ReviewRecord } from "../records";

/** Who approves with --auto-approve-verified: recorded on each review row and in the audit log. */
export const AUTO_REVIEWER = { id: "flywheel-auto", name: "auto-approve (verified)" };

/** The new data of a round that reviewers decide on: kept new cases and verified problem variants. */
export function reviewSubjects(round: RoundRow): { caseIds: number[]; problemIds: string[] } {
  const caseIds: number[] = [];
  for (const [domain, sel] of Object.entries(round.results.selection ?? {})) {
    const made = new Set(round.results.generated?.[domain]?.caseIds ?? []);
    caseIds.push(...sel.keptIds.filter((id) => made.has(id)));
  }
  const problemIds = Object.values(round.results.reasoning ?? {}).flatMap((r) => r.verifiedIds ?? []);
  return { caseIds, problemIds };
}

/** Where reviewers stand on a round's new data now. */
export function reviewProgress(db: Db, round: RoundRow, required: boolean, autoApproved = 0): ReviewRecord {
  const { caseIds, problemIds } = reviewSubjects(round);
  return { required, autoApproved, cases: caseReviewCounts({ db, ids: caseIds }), problems: problemReviewCounts({ db, ids: problemIds }) };
}

/**
 * Review: when the project requires it, the round waits until every new case and problem is
 * approved or rejected (on the Review page; only approved ones join the next round). With
 * --auto-approve-verified the pending ones are approved here, as the auto reviewer. Without
 * review required, verified data joins as it is.
 */
export async function reviewStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const round = ctx.round();
  const required = project.settings.reviewRequired;
  let autoApproved = round.results.review?.autoApproved ?? 0;
  if (required && ctx.autoApprove) {
    const { caseIds, problemIds } = reviewSubjects(round);
    for (const caseId of casesWithStatus({ db, ids: caseIds, status: "pending" })) {
      decideAndSave({ db, caseId, decision: { kind: "approve", note: "verified: approved by a round run with --auto-approve-verified" }, reviewer: AUTO_REVIEWER, policy: { overlap: 1, rule: "unanimous" } });
      autoApproved++;
    }
    for (const id of problemsWithStatus({ db, ids: problemIds, status: "pending" })) {
      setProblemStatus({ db, id, status: "approved", reviewer: AUTO_REVIEWER.id });
      autoApproved++;
    }
  }
  const review = reviewProgress(db, round, required, autoApproved);
  updateRound({ db, id: round.id, patch: { results: { review } } });
  if (!required) return { status: "done", note: "review not required: verified data joins as it is" };
  const pending = review.cases.pending + review.problems.pending;
  if (pending) return { status: "waiting", note: `${review.cases.pending} case(s) and ${review.problems.pending} problem(s) await review` };
  return { status: "done", note: `${review.cases.approved} case(s) and ${review.problems.approved} problem(s) approved${autoApproved ? ` (${autoApproved} automatically)` : ""}` };
}
