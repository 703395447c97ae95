"use client";
import { Handle, Position } from "@xyflow/react";
import type { ReactNode } from "react";
import { isLeafKind } from "@/lib/tree/schema";
import { KIND_STYLES } from "../kind-styles";
import type { TreeNodeData } from "../flow-elements";

/**
 * What every node kind shares: the kind tag, sibling order, issue marks, label, guard and
 * handles. A kind's own file adds its shape (`shape`) and its extra line (`children`).
 */
export function NodeFrame({ data, selected, shape, children }: { data: TreeNodeData; selected: boolean; shape?: ReactNode; children?: ReactNode }) {
  const { node } = data;
  const style = KIND_STYLES[node.kind];
  const classes = [
    "tnode", `tnode-${node.kind}`,
    selected && "is-selected", data.isHighlighted && "is-highlighted", data.isDimmed && "is-dimmed",
    data.isMatch && "is-match", data.isCurrentMatch && "is-current-match", data.errors > 0 && "has-errors",
    data.diff && `diff-${data.diff}`,
  ].filter(Boolean).join(" ");
  return (
    <div className={classes} data-testid={`node-${node.id}`} style={{ ["--kind-ink" as string]: style.ink, ["--kind-fill" as string]: style.fill, ["--kind-line" as string]: style.line }}>
      {shape}
      <Handle type="target" position={Position.Top} isConnectable={false} className="tnode-handle" />
      <div className="tnode-head">
        <span className="tnode-kind">{style.title}</span>
        {data.diff && <DiffBadge status={data.diff} fields={data.diffFields} />}
        {data.order !== null && <span className="tnode-order" title="Position among its siblings (the first whose guard holds is taken)">#{data.order}</span>}
        <span className="tnode-spacer" />
        {data.hiddenCount > 0 && <span className="tnode-hidden" title="Collapsed: double-click (or select and press C) to expand">+{data.hiddenCount} hidden</span>}
        {data.errors > 0 && <span className="tnode-issue error" title={`${data.errors} error(s)`}>{data.errors}</span>}
        {data.warnings > 0 && <span className="tnode-issue warning" title={`${data.warnings} warning(s)`}>{data.warnings}</span>}
      </div>
      <div className="tnode-label" title={node.label}>{node.label || <em className="tnode-empty">no label</em>}</div>
      {node.guard ? <code className="tnode-guard" title={node.guard}>if {node.guard}</code> : null}
      {children}
      {!isLeafKind(node.kind) && <Handle type="source" position={Position.Bottom} isConnectable={false} className="tnode-handle" />}
    </div>
  );
}

const DIFF_BADGES = { added: ["+", "Added by the proposal"], changed: ["~", "Changed by the proposal"], removed: ["−", "Removed by the proposal"] } as const;

/** The proposal's mark on a node: + added, ~ changed (which fields), − removed. */
function DiffBadge({ status, fields }: { status: keyof typeof DIFF_BADGES; fields: string | null }) {
  const [sign, title] = DIFF_BADGES[status];
  return <span className={`tnode-diff ${status}`} data-testid={`diff-${status}`} title={fields ? `${title}: ${fields}` : title}>{sign}</span>;
}

/** A one-line detail under the label (tool name, missing facts, reason). */
export function NodeDetail({ children, title, mono }: { children: ReactNode; title?: string; mono?: boolean }) {
  return <div className={mono ? "tnode-detail mono" : "tnode-detail"} title={title}>{children}</div>;
}
