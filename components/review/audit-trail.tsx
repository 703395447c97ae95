"use client";
import type { JsonChange } from "@/lib/review/audit";
import { useAudit } from "./use-review";

const short = (v: unknown) => {
  const s = typeof v === "string" ? v : JSON.stringify(v);
  return s.length > 140 ? `${s.slice(0, 137)}…` : s;
};
const line = (c: JsonChange) => (c.op === "added" ? `+ ${c.path}: ${short(c.after)}` : c.op === "removed" ? `− ${c.path}: ${short(c.before)}` : `${c.path}: ${short(c.before)} → ${short(c.after)}`);

/** Who did what to this case and when, newest first; edits show their diff. */
export function AuditTrail({ caseId }: { caseId: number }) {
  const { data, error } = useAudit(caseId);
  return (
    <div className="card" data-testid="audit-trail">
      <h3>Audit trail</h3>
      {error && <div className="alert error">{error.message}</div>}
      {data && data.entries.length === 0 && <p className="muted" style={{ margin: 0 }}>No decisions or edits yet.</p>}
      <ul className="audit-list">
        {data?.entries.map((e) => (
          <li key={e.id}>
            <strong>{e.action.replace(/^case\./, "")}</strong> by {e.actorName} <span className="muted">· {new Date(e.at).toLocaleString()}</span>
            {e.changes.length > 0 && <div className="diff mono">{e.changes.filter((c) => !c.path.startsWith("review.") || e.action !== "case.edit").slice(0, 8).map(line).join("\n")}</div>}
          </li>
        ))}
      </ul>
    </div>
  );
}
