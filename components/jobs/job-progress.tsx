"use client";
import { useJobAction, useJobProgress } from "./use-job";

const fmtEta = (s: number | null) => (s === null ? "" : s < 60 ? `${Math.round(s)} s left` : `${Math.round(s / 60)} min left`);

/** Live progress of a durable job: bar, counts (of `unit`, when items are not obvious), ETA, tokens and cost, per-item errors, cancel/resume. */
export function JobProgressView({ id, title, unit }: { id: number; title?: string; unit?: string }) {
  const { data: p, error } = useJobProgress(id);
  const act = useJobAction(id);
  if (error) return <div className="alert error">{error.message}</div>;
  if (!p) return <p className="muted">Loading job {id}…</p>;
  const pct = p.total ? Math.round(((p.done + p.failed) / p.total) * 100) : 0;
  const isActive = p.status === "queued" || p.status === "running";
  const tokens = p.usage.promptTokens + p.usage.completionTokens;
  return (
    <div className="card job-progress" data-testid="job-progress" data-status={p.status}>
      <div className="spread">
        <h3 style={{ margin: 0 }}>{title ?? p.kind} <span className="muted">· job {p.id}</span></h3>
        <span className={`badge ${p.status === "succeeded" ? "execute" : p.status === "failed" ? "refuse" : p.status === "cancelled" ? "abort" : "clarify"}`} data-testid="job-status">{p.status}</span>
      </div>
      <div className="progress-bar" aria-label="progress"><div style={{ width: `${pct}%` }} /></div>
      <div className="row muted" style={{ fontSize: 12.5, flexWrap: "wrap" }}>
        <span data-testid="job-counts">{p.done} done · {p.failed} failed · {p.pending + p.running} to go · {p.total} total{unit ? ` (${unit})` : ""}</span>
        <span>{fmtEta(p.etaSeconds)}</span>
        <span data-testid="job-usage">{tokens || p.usage.cost ? `${tokens.toLocaleString()} tokens · $${p.usage.cost.toFixed(4)}` : "no model calls"}</span>
      </div>
      {p.error && <div className="alert warn">{p.error}</div>}
      {p.errors.length > 0 && (
        <details style={{ marginTop: 6 }}>
          <summary>{p.errors.length} item error(s)</summary>
          {p.errors.map((e) => <div key={e.idx} className="mono" style={{ fontSize: 12 }}>#{e.idx}: {e.error}</div>)}
        </details>
      )}
      <div className="row" style={{ marginTop: 8 }}>
        {isActive && <button className="btn small danger" onClick={() => act.mutate("cancel")} data-testid="job-cancel">Cancel</button>}
        {(p.status === "cancelled" || p.status === "paused") && <button className="btn small" onClick={() => act.mutate("resume")} data-testid="job-resume">Resume</button>}
        {!isActive && p.failed > 0 && <button className="btn small" onClick={() => act.mutate("retry-failed")}>Retry failed items</button>}
      </div>
    </div>
  );
}
