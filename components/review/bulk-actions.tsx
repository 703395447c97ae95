"use client";
import { useState } from "react";
import { BULK_CAP, REJECT_REASON_LABELS, REJECT_REASONS, type RejectReason, type ReviewFilter } from "@/lib/review/schema";
import { useBulkDecision } from "./use-review";

const describe = (f: ReviewFilter) =>
  Object.entries(f).filter(([, v]) => v !== undefined).map(([k, v]) => (k === "todo" ? "my to-do" : k === "q" ? `text “${v}”` : `${k} = ${v}`)).join(", ") || "no filter: every case";

/** Approve or reject every case the filter matches, after a confirmation that shows the count. */
export function BulkActions({ filter, total }: { filter: ReviewFilter; total: number }) {
  const [open, setOpen] = useState<"approve" | "reject" | null>(null);
  const [reason, setReason] = useState<RejectReason>("duplicate");
  const [note, setNote] = useState("");
  const bulk = useBulkDecision();
  const count = Math.min(total, BULK_CAP);
  const run = () =>
    bulk.mutate(
      { filter, decision: open === "reject" ? { kind: "reject", reason, note } : { kind: "approve", note }, expected: total },
      { onSuccess: () => setOpen(null) },
    );
  return (
    <>
      <div className="row" style={{ gap: 6 }}>
        <span className="muted" style={{ fontSize: 12.5 }}>All {total.toLocaleString()} filtered:</span>
        <button className="btn small" disabled={total === 0} onClick={() => { bulk.reset(); setOpen("approve"); }} data-testid="bulk-approve">Approve all…</button>
        <button className="btn small danger" disabled={total === 0} onClick={() => { bulk.reset(); setOpen("reject"); }} data-testid="bulk-reject">Reject all…</button>
      </div>
      {bulk.data && !open && (
        <div className="alert ok" data-testid="bulk-result">
          Decided {bulk.data.decided.toLocaleString()} of {bulk.data.matched.toLocaleString()} case(s)
          {bulk.data.capped && ` (the first ${BULK_CAP.toLocaleString()}; run it again for the rest)`}
          {bulk.data.refusedCount > 0 && `; ${bulk.data.refusedCount} refused: ${bulk.data.refused[0]?.message}`}
        </div>
      )}
      {open && (
        <div className="overlay" onClick={() => setOpen(null)}>
          <div className="dialog" role="dialog" aria-modal="true" onClick={(e) => e.stopPropagation()} data-testid="bulk-dialog">
            <h2>{open === "approve" ? "Approve" : "Reject"} {count.toLocaleString()} case(s)?</h2>
            <p>Filter: {describe(filter)}.</p>
            {total > BULK_CAP && <div className="alert warn">The filter matches {total.toLocaleString()} cases; one bulk action decides at most {BULK_CAP.toLocaleString()} (the oldest).</div>}
            {open === "approve" && <p className="muted">Cases whose proof failed are not approved; they are counted as refused.</p>}
            {open === "reject" && (
              <label className="field"><span>Reason</span>
                <select value={reason} onChange={(e) => setReason(e.target.value as RejectReason)}>
                  {REJECT_REASONS.map((r) => <option key={r} value={r}>{REJECT_REASON_LABELS[r]}</option>)}
                </select>
              </label>
            )}
            <label className="field"><span>Note{open === "reject" && reason === "other" ? " (required)" : " (optional)"}</span>
              <input value={note} onChange={(e) => setNote(e.target.value)} />
            </label>
            {bulk.error && <div className="alert error">{bulk.error.message}</div>}
            <div className="row" style={{ justifyContent: "flex-end" }}>
              <button className="btn" onClick={() => setOpen(null)}>Cancel</button>
              <button className={`btn ${open}`} onClick={run} disabled={bulk.isPending} data-testid="bulk-confirm">
                {bulk.isPending ? "Working…" : `${open === "approve" ? "Approve" : "Reject"} ${count.toLocaleString()}`}
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}
