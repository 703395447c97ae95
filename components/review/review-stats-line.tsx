"use client";
import type { ReviewFilter } from "@/lib/review/schema";
import { useReviewStats } from "./use-review";

const pct = (x: number | null) => (x === null ? "—" : `${Math.round(x * 100)}%`);
const kappa = (x: number | null) => (x === null ? "—" : x.toFixed(2));

/** Progress and agreement over the filtered cases, in one line. */
export function ReviewStatsLine({ filter }: { filter: ReviewFilter }) {
  const { data } = useReviewStats(filter);
  if (!data) return <span />;
  const { byStatus, agreement, policy } = data;
  return (
    <span className="muted" style={{ fontSize: 12.5 }} data-testid="review-stats"
      title={`Policy: ${policy.overlap} reviewer(s) per case, ${policy.rule}. Agreement counts cases with two or more current verdicts.`}>
      <span className="badge review-status pending">{byStatus.pending.toLocaleString()} pending</span>{" "}
      <span className="badge review-status approved">{byStatus.approved.toLocaleString()} approved</span>{" "}
      <span className="badge review-status rejected">{byStatus.rejected.toLocaleString()} rejected</span>
      {agreement.items > 0 && <> · agreement {pct(agreement.percentAgreement)} · Fleiss κ {kappa(agreement.fleissKappa)} over {agreement.items} case(s)</>}
    </span>
  );
}
