import type { ReviewPolicy, ReviewStatus, Vote } from "./schema";

export type VoteCount = { approvals: number; rejections: number };

/**
 * The votes that count: each reviewer's latest verdict on the current text of the case. An edit
 * bumps the revision, so verdicts on the old text stop counting.
 */
export function countVotes(votes: Vote[], revision: number): VoteCount {
  const latest = new Map<string, Vote>();
  for (const v of votes) {
    if (v.caseRevision !== revision) continue;
    const seen = latest.get(v.reviewerId);
    if (!seen || seen.at <= v.at) latest.set(v.reviewerId, v);
  }
  let approvals = 0;
  let rejections = 0;
  for (const v of latest.values()) v.verdict === "approve" ? approvals++ : rejections++;
  return { approvals, rejections };
}

/**
 * The agreement rule. A case is decided as soon as its outcome is certain:
 * - unanimous: approved once `overlap` reviewers approve and none rejects; rejected by any rejection;
 * - majority: approved once more than half of `overlap` approve and approvals outnumber rejections;
 *   rejected once enough reject that a majority of `overlap` can no longer approve (a tie rejects).
 * Votes beyond `overlap` still count, so a later dissent can change the status.
 */
export function reviewStatus({ approvals, rejections }: VoteCount, policy: ReviewPolicy): ReviewStatus {
  if (policy.rule === "unanimous") {
    if (rejections > 0) return "rejected";
    return approvals >= policy.overlap ? "approved" : "pending";
  }
  const needed = Math.floor(policy.overlap / 2) + 1;
  if (approvals >= needed && approvals > rejections) return "approved";
  if (rejections >= policy.overlap - needed + 1 && rejections >= approvals) return "rejected";
  return "pending";
}
