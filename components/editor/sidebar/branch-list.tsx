"use client";
import { LEAF_KINDS, type Branch, type OutcomeCounts } from "@/lib/tree/schema";
import { useEditor } from "../store";

/** Every root-to-leaf path (one test case each) with its outcome; clicking one highlights it. */
export function BranchList({ branches, counts, error }: { branches: Branch[]; counts: OutcomeCounts; error: string | null }) {
  const highlight = useEditor((s) => s.highlight);
  const highlightBranch = useEditor((s) => s.highlightBranch);
  return (
    <section className="side-section" data-testid="branch-list">
      <header className="side-head">
        <h3>Branches</h3>
        <span className="count-pill">{branches.length}</span>
        <span className="side-head-note">one test case each</span>
      </header>
      <div className="outcome-counts">
        {LEAF_KINDS.filter((k) => counts[k] > 0).map((k) => (
          <span key={k} className={`badge ${k}`} data-testid={`outcome-count-${k}`}>{k} {counts[k]}</span>
        ))}
      </div>
      <div className="side-scroll">
        {error && <p className="alert error small">{error}</p>}
        {!error && branches.length === 0 && <p className="muted small pad">No complete branch yet: every path must end in a leaf.</p>}
        <ol className="branch-rows">
          {branches.map((b, n) => {
            const isActive = highlight?.branchId === b.id;
            return (
              <li key={b.id}>
                <button type="button" className={`branch-row${isActive ? " active" : ""}`} aria-pressed={isActive}
                  title={b.labels.join(" → ")} onClick={() => highlightBranch({ branchId: b.id, nodeIds: b.nodeIds })}>
                  <span className="branch-num">{n + 1}</span>
                  <span className={`badge ${b.outcome}`}>{b.outcome}</span>
                  <span className="branch-path">{b.labels.slice(1).join(" › ") || b.labels[0]}</span>
                </button>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
