import type { VerifySummary } from "@/lib/cases/verify-domain";

export function VerifySummaryView({ summary }: { summary: VerifySummary }) {
  const ok = summary.unsatisfiable.length === 0 && summary.failed.length === 0;
  return (
    <div className={`alert ${ok ? "ok" : "warn"}`} data-testid="verify-summary">
      <strong>{summary.verified}</strong> of {summary.branches} branches verified ({summary.cases} cases synthesized
      {summary.unsatisfiable.length ? `, ${summary.unsatisfiable.length} unsatisfiable` : ""}
      {summary.failed.length ? `, ${summary.failed.length} failed their proof` : ""}).
      {[...summary.unsatisfiable.map((u) => ({ ...u, kind: "unsatisfiable" })), ...summary.failed.map((f) => ({ ...f, kind: "proof failed" }))].map((p, i) => (
        <div key={i} style={{ marginTop: 6 }}>
          <span className="badge refuse">{p.kind}</span> {p.tree}: {p.branch}
          <div className="muted" style={{ fontSize: 12.5 }}>{p.reason}</div>
        </div>
      ))}
    </div>
  );
}
