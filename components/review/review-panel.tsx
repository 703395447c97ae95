"use client";
import { REJECT_REASON_LABELS, type RejectReason } from "@/lib/review/schema";
import type { ReviewCaseView } from "./use-review";

/** The case's review so far: status, the votes that count, and every action taken on it. */
export function ReviewPanel({ view }: { view: ReviewCaseView }) {
  const { review, reviews } = view;
  return (
    <div className="card" data-testid="review-panel">
      <h3>Review <span className={`badge review-status ${review.status}`}>{review.status}</span></h3>
      <p className="muted" style={{ margin: "0 0 6px", fontSize: 12.5 }}>
        {review.approvals} approval(s), {review.rejections} rejection(s) on revision {review.revision}
        {review.revision > 0 && " (edited; earlier votes no longer count)"}.
      </p>
      {reviews.length === 0 ? <p className="muted" style={{ margin: 0 }}>Nobody has reviewed this case yet.</p> : (
        <ul className="audit-list">
          {reviews.map((r) => (
            <li key={r.id} style={{ opacity: r.caseRevision === review.revision ? 1 : 0.55 }}>
              <strong>{r.decision}</strong> by {r.reviewerName || r.reviewerId}
              {r.reason && <> · {REJECT_REASON_LABELS[r.reason as RejectReason] ?? r.reason}</>}
              <span className="muted"> · rev {r.caseRevision} · {new Date(r.createdAt).toLocaleString()}</span>
              {r.note && <div className="muted">“{r.note}”</div>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
