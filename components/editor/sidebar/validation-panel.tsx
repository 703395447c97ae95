"use client";
import type { TreeDoc, TreeIssue } from "@/lib/tree/schema";
import { useEditor } from "../store";

/** The tree's issues, errors first; clicking one selects and centres its node. */
export function ValidationPanel({ issues, doc }: { issues: TreeIssue[]; doc: TreeDoc }) {
  const focusNode = useEditor((s) => s.focusNode);
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity === "warning");
  return (
    <section className="side-section" data-testid="validation-panel">
      <header className="side-head">
        <h3>Issues</h3>
        <span className={`count-pill ${errors.length ? "error" : "ok"}`} data-testid="error-count">{errors.length} error{errors.length === 1 ? "" : "s"}</span>
        <span className={`count-pill ${warnings.length ? "warning" : "ok"}`} data-testid="warning-count">{warnings.length} warning{warnings.length === 1 ? "" : "s"}</span>
      </header>
      <div className="side-scroll">
        {issues.length === 0 && <p className="muted small pad">No issues: every branch can run as drawn.</p>}
        <ul className="issue-list">
          {[...errors, ...warnings].map((issue, n) => {
            const target = issue.nodeId && doc.nodes[issue.nodeId] ? issue.nodeId : null;
            return (
              <li key={`${issue.nodeId}-${issue.code}-${n}`}>
                <button type="button" className={`issue ${issue.severity}`} disabled={!target} onClick={() => target && focusNode(target)} title={target ? "Show this node" : undefined}>
                  <span className={`sev-dot ${issue.severity}`} aria-label={issue.severity} />
                  <span>{issue.message}</span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
