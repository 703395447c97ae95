"use client";
import type { BranchRow } from "./use-generate";

/** Every branch of the tree with its outcome; all are picked until the curator unticks some. */
export function BranchPicker({ branches, selected, onChange }: { branches: BranchRow[]; selected: Set<string>; onChange: (next: Set<string>) => void }) {
  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onChange(next);
  };
  return (
    <div>
      <div className="spread" style={{ marginBottom: 4 }}>
        <span className="muted">{selected.size} of {branches.length} branches</span>
        <span className="row" style={{ gap: 6 }}>
          <button type="button" className="btn small" onClick={() => onChange(new Set(branches.map((b) => b.id)))}>All</button>
          <button type="button" className="btn small" onClick={() => onChange(new Set())}>None</button>
        </span>
      </div>
      <ul className="branch-list" data-testid="branch-list">
        {branches.map((b) => (
          <li key={b.id}>
            <label className="row" style={{ gap: 8, alignItems: "flex-start" }}>
              <input type="checkbox" checked={selected.has(b.id)} onChange={() => toggle(b.id)} style={{ width: "auto", marginTop: 3 }} />
              <span className={`badge ${b.outcome}`} style={{ minWidth: 62, textAlign: "center" }}>{b.outcome}</span>
              <span style={{ fontSize: 13 }}>{b.labels.slice(1).join(" › ") || b.labels[0]}</span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
