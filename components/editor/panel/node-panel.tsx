"use client";
import { DEFAULT_LABELS, kindChangeBlocker, parentOf } from "@/lib/tree/edit";
import { NODE_KINDS, isLeafKind, type NodeKind, type TreeDoc, type TreeIssue } from "@/lib/tree/schema";
import { KIND_STYLES } from "../kind-styles";
import { displayedDocument, useEditor } from "../store";
import type { TreeDomain } from "../use-tree-api";
import { ClarifyFields } from "./clarify-fields";
import { FieldIssues, groupIssues } from "./field-issues";
import { TextField } from "./text-field";
import { ToolFields } from "./tool-fields";

const REASON_HINTS: Partial<Record<NodeKind, string>> = {
  refuse: "Which policy rule forbids it, in words the agent can repeat",
  transfer: "Why a human takes over",
  abort: "Why the conversation stops here",
};

/** Everything about the selected node, editable unless an old revision is being viewed. */
export function NodePanel({ issues, domain }: { issues: TreeIssue[]; domain: TreeDomain }) {
  const doc = useEditor(displayedDocument);
  const selectedId = useEditor((s) => s.selectedId);
  const readOnly = useEditor((s) => s.preview !== null);
  const updateNode = useEditor((s) => s.updateNode);
  const changeKind = useEditor((s) => s.changeKind);
  const select = useEditor((s) => s.select);
  const node = selectedId ? doc?.nodes[selectedId] : undefined;

  if (!doc || !node) {
    return (
      <div className="node-panel empty">
        <h3>No node selected</h3>
        <p className="muted">Click a node on the canvas to edit it. With nothing selected, “Add child” adds under the root.</p>
      </div>
    );
  }
  const mine = groupIssues(issues.filter((i) => i.nodeId === node.id));
  const parent = parentOf(doc, node.id);
  const guardNote = node.id === doc.rootId ? "The root's guard is never evaluated." : parent?.kind === "confirm" ? "Under a confirm node the user's answer picks the child; a guard here is ignored." : "Empty: always holds (an else branch).";

  return (
    <div className="node-panel" data-testid="node-panel">
      <div className="node-panel-head">
        <span className="kind-chip" style={{ color: KIND_STYLES[node.kind].ink, background: KIND_STYLES[node.kind].fill, borderColor: KIND_STYLES[node.kind].line }}>{KIND_STYLES[node.kind].title}</span>
        <code className="muted" title="Node id">{node.id}</code>
      </div>
      <FieldIssues issues={mine.other} />
      <TextField label="Label" value={node.label} multiline readOnly={readOnly} testId="node-label" typingKey={`${node.id}:label`}
        placeholder={DEFAULT_LABELS[node.kind]} onChange={(v, k) => updateNode(node.id, { label: v }, k)} />
      <label className="field">
        <span>Kind</span>
        <select data-testid="node-kind" value={node.kind} disabled={readOnly} onChange={(e) => changeKind(node.id, e.target.value as NodeKind)}>
          {NODE_KINDS.map((k) => {
            const blocker = kindChangeBlocker(node, k);
            return <option key={k} value={k} disabled={!!blocker} title={blocker ?? undefined}>{KIND_STYLES[k].title}{isLeafKind(k) ? " (leaf)" : ""}{blocker ? " — has children" : ""}</option>;
          })}
        </select>
      </label>
      <TextField label="Guard (CEL)" value={node.guard ?? ""} mono readOnly={readOnly} testId="node-guard" typingKey={`${node.id}:guard`}
        placeholder='e.g. outputs.get_order.status == "pending"' hint={guardNote} onChange={(v, k) => updateNode(node.id, { guard: v }, k)} />
      <FieldIssues issues={mine.guard} />
      {node.kind === "tool_call" && (
        <ToolFields node={node} tools={domain.tools} toolIssues={mine.tool} bindingIssues={mine.bindings} readOnly={readOnly} />
      )}
      {node.kind === "clarify" && <ClarifyFields node={node} userFacts={domain.userFacts} readOnly={readOnly} />}
      {REASON_HINTS[node.kind] && (
        <TextField label="Reason" value={node.reason ?? ""} multiline readOnly={readOnly} testId="node-reason" typingKey={`${node.id}:reason`}
          placeholder={REASON_HINTS[node.kind]} onChange={(v, k) => updateNode(node.id, { reason: v }, k)} />
      )}
      <Children doc={doc} id={node.id} onSelect={select} />
    </div>
  );
}

function Children({ doc, id, onSelect }: { doc: TreeDoc; id: string; onSelect: (id: string) => void }) {
  const node = doc.nodes[id];
  if (isLeafKind(node.kind)) return null;
  return (
    <fieldset className="panel-group">
      <legend>Children, in order</legend>
      {node.children.length === 0 && <p className="muted small">None yet: add one from the toolbar.</p>}
      <ol className="child-list">
        {node.children.map((c, i) => {
          const child = doc.nodes[c];
          const edge = node.kind === "confirm" ? (i === 0 ? "confirms" : i === 1 ? "declines" : "ignored") : null;
          return (
            <li key={c}>
              <button type="button" className="linklike" onClick={() => onSelect(c)} disabled={!child}>
                {edge && <span className={`edge-tag ${edge}`}>{edge}</span>}
                {child ? child.label || c : `${c} (missing)`}
              </button>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
