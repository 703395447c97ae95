"use client";
import { KIND_STYLES } from "../kind-styles";
import { editorStore, useEditor } from "../store";
import { toggleSelection, type DiffStatus } from "./proposal-view";

const SIGN: Record<DiffStatus, string> = { added: "+", changed: "~", removed: "−" };

/**
 * The proposal's changes, one row each, ticked by default: accept all, accept the ticked ones
 * (with what they depend on) or discard. Clicking a row shows the node on the canvas.
 */
export function ProposalPanel() {
  const proposal = useEditor((s) => s.proposal);
  const centerOn = useEditor((s) => s.centerOn);
  if (!proposal) return null;
  const { diff, marks, selected, display, notes, source } = proposal;
  const ticked = new Set(selected);
  const rows = [...diff.added, ...diff.changed.map((c) => c.id), ...diff.removed];
  const store = editorStore.getState();
  const total = rows.length;

  return (
    <section className="proposal-panel" data-testid="proposal-panel">
      <header className="side-head">
        <h3>Proposal</h3>
        <span className="side-head-note">{source === "llm" ? "from the LLM expander" : "from the deterministic expander"}</span>
      </header>
      <div className="proposal-summary" data-testid="proposal-summary">
        <span className="badge execute">+{diff.added.length} added</span>
        <span className="badge clarify">~{diff.changed.length} changed</span>
        <span className="badge refuse">−{diff.removed.length} removed</span>
      </div>
      {notes.length > 0 && (
        <details className="proposal-notes-box" open={notes.length <= 4}>
          <summary className="small pad" style={{ padding: "6px 12px", cursor: "pointer" }}>{notes.length} note(s) from the expander</summary>
          <ul className="proposal-notes" data-testid="proposal-notes">{notes.map((n, i) => <li key={i}>{n}</li>)}</ul>
        </details>
      )}
      <div className="side-scroll">
        {total === 0 && <p className="muted small pad">The proposal is the same as the tree: nothing to accept.</p>}
        <ul className="change-rows">
          {rows.map((id) => {
            const mark = marks[id];
            const node = display.nodes[id];
            return (
              <li key={id} className={`change-row ${mark.status}`} data-testid={`change-${id}`}>
                <input type="checkbox" checked={ticked.has(id)} aria-label={`Accept: ${node?.label ?? id}`}
                  onChange={(e) => store.setProposalSelection(toggleSelection(proposal, id, e.target.checked))} />
                <span className={`tnode-diff ${mark.status}`} title={mark.status}>{SIGN[mark.status]}</span>
                <span>
                  <button type="button" className="linklike" onClick={() => centerOn(id)} title="Show on the canvas">
                    <b style={{ color: node ? KIND_STYLES[node.kind].ink : undefined }}>{node ? KIND_STYLES[node.kind].title : "?"}</b> {node?.label ?? id}
                  </button>
                  {mark.fields && <span className="change-fields">changes {mark.fields.join(", ")}</span>}
                </span>
              </li>
            );
          })}
        </ul>
      </div>
      <div className="proposal-actions">
        <button type="button" className="btn small primary" data-testid="proposal-accept-all" disabled={total === 0} onClick={() => store.acceptProposal("all")}>Accept all</button>
        <button type="button" className="btn small" data-testid="proposal-accept-selected" disabled={selected.length === 0} onClick={() => store.acceptProposal(selected)}>
          Accept selected ({selected.length}/{total})
        </button>
        <button type="button" className="btn small danger" data-testid="proposal-discard" onClick={() => store.discardProposal()}>Discard</button>
      </div>
    </section>
  );
}
