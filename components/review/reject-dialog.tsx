"use client";
import { useEffect, useState } from "react";
import { REJECT_REASON_LABELS, REJECT_REASONS, type RejectReason } from "@/lib/review/schema";

type Props = { pending: boolean; error: string | null; onCancel: () => void; onReject: (reason: RejectReason, note: string) => void };

/** The reason picker: keys 1–6 pick a reason, Enter rejects, Esc cancels. "Other" needs a note. */
export function RejectDialog({ pending, error, onCancel, onReject }: Props) {
  const [reason, setReason] = useState<RejectReason>(REJECT_REASONS[0]);
  const [note, setNote] = useState("");
  const needsNote = reason === "other" && !note.trim();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inNote = e.target instanceof HTMLInputElement;
      if (e.key === "Escape") { e.preventDefault(); onCancel(); }
      else if (e.key === "Enter") { e.preventDefault(); if (!needsNote && !pending) onReject(reason, note.trim()); }
      else if (!inNote && /^[1-6]$/.test(e.key)) { e.preventDefault(); setReason(REJECT_REASONS[Number(e.key) - 1]); }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [reason, note, needsNote, pending, onCancel, onReject]);
  return (
    <div className="overlay" onClick={onCancel}>
      <div className="dialog" role="dialog" aria-modal="true" aria-label="Reject the case" onClick={(e) => e.stopPropagation()} data-testid="reject-dialog">
        <h2>Reject: why?</h2>
        <ul className="reason-list">
          {REJECT_REASONS.map((r, i) => (
            <li key={r} className={r === reason ? "selected" : ""} onClick={() => setReason(r)} data-testid={`reason-${r}`}>
              <span className="kbd">{i + 1}</span> {REJECT_REASON_LABELS[r]}
            </li>
          ))}
        </ul>
        <label className="field"><span>Note {reason === "other" ? "(required)" : "(optional)"}</span>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder="What is wrong, in a few words" data-testid="reject-note" />
        </label>
        {error && <div className="alert error">{error}</div>}
        <div className="spread">
          <span className="shortcut-legend"><span><span className="kbd">1</span>–<span className="kbd">6</span>reason</span><span><span className="kbd">Enter</span>reject</span><span><span className="kbd">Esc</span>cancel</span></span>
          <div className="row">
            <button className="btn" onClick={onCancel}>Cancel</button>
            <button className="btn reject" disabled={needsNote || pending} onClick={() => onReject(reason, note.trim())} data-testid="reject-confirm">{pending ? "Rejecting…" : "Reject"}</button>
          </div>
        </div>
      </div>
    </div>
  );
}
