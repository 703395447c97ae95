import { Position, type Edge, type Node } from "@xyflow/react";
import { subtreeIds } from "@/lib/tree/edit";
import { visibleEdges, visibleNodeIds, type Position as Point } from "@/lib/tree/layout";
import type { NodeKind, TreeDoc, TreeIssue, TreeNode } from "@/lib/tree/schema";
import type { DiffMark } from "./expand/proposal-view";
import { NODE_SIZES } from "./node-size";

/**
 * Turns the document plus what the UI marks on it (selection, search, highlighted branch,
 * issues) into React Flow nodes and edges. Pure, and it hands back the previous node object
 * when nothing about a node changed, so memoised node components skip re-rendering.
 */
export type TreeNodeData = {
  node: TreeNode;
  /** 1-based place among its siblings, when it has any. */
  order: number | null;
  hiddenCount: number;
  errors: number;
  warnings: number;
  isMatch: boolean;
  isCurrentMatch: boolean;
  isHighlighted: boolean;
  isDimmed: boolean;
  /** While a proposal is open: what it does to this node, and which fields it changes. */
  diff: DiffMark["status"] | null;
  diffFields: string | null;
};
export type TreeFlowNode = Node<TreeNodeData, NodeKind>;

export type FlowInput = {
  doc: TreeDoc;
  positions: Record<string, Point>;
  selectedId: string | null;
  issues: TreeIssue[];
  matches: string[];
  currentMatch: string | null;
  highlighted: string[] | null;
  /** A proposal's marks by node id (null when none is open). */
  marks?: Record<string, DiffMark> | null;
};

const sameData = (a: TreeNodeData, b: TreeNodeData) =>
  (Object.keys(a) as (keyof TreeNodeData)[]).every((k) => a[k] === b[k]);

export function buildFlowNodes(input: FlowInput, previous: Map<string, TreeFlowNode>): TreeFlowNode[] {
  const { doc, positions, issues, highlighted } = input;
  const matches = new Set(input.matches);
  const onBranch = highlighted ? new Set(highlighted) : null;
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const i of issues) {
    if (!i.nodeId) continue;
    const c = counts.get(i.nodeId) ?? { errors: 0, warnings: 0 };
    if (i.severity === "error") c.errors++;
    else c.warnings++;
    counts.set(i.nodeId, c);
  }
  const orderOf = new Map<string, number>();
  for (const n of Object.values(doc.nodes)) if (n.children.length > 1) n.children.forEach((c, i) => orderOf.set(c, i + 1));

  const out: TreeFlowNode[] = [];
  for (const id of visibleNodeIds(doc)) {
    const position = positions[id];
    if (!position) continue; // added since the last layout; it appears when the layout lands
    const node = doc.nodes[id];
    const data: TreeNodeData = {
      node,
      order: orderOf.get(id) ?? null,
      hiddenCount: node.collapsed ? subtreeIds(doc, id).length - 1 : 0,
      errors: counts.get(id)?.errors ?? 0,
      warnings: counts.get(id)?.warnings ?? 0,
      isMatch: matches.has(id),
      isCurrentMatch: input.currentMatch === id,
      isHighlighted: onBranch?.has(id) ?? false,
      isDimmed: onBranch !== null && !onBranch.has(id),
      diff: input.marks?.[id]?.status ?? null,
      diffFields: input.marks?.[id]?.fields?.join(", ") ?? null,
    };
    const selected = input.selectedId === id;
    const prev = previous.get(id);
    if (prev && prev.type === node.kind && prev.selected === selected && prev.position.x === position.x && prev.position.y === position.y && sameData(prev.data, data)) {
      out.push(prev);
      continue;
    }
    const { width, height } = NODE_SIZES[node.kind];
    out.push({
      id, type: node.kind, position, data, selected, width, height,
      // Sizes are fixed per kind, so every node counts as measured even before (or without,
      // when off screen) rendering: fitView then frames the whole tree, and edges draw at once.
      measured: { width, height },
      handles: [
        { type: "target", position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 },
        { type: "source", position: Position.Bottom, x: width / 2, y: height - 1, width: 1, height: 1 },
      ],
    });
  }
  return out;
}

function edgeLabel(parent: TreeNode, index: number): string | undefined {
  if (parent.kind === "confirm") return index === 0 ? "confirms" : index === 1 ? "declines" : "ignored (3rd child)";
  return parent.children.length > 1 ? String(index + 1) : undefined;
}

export function buildFlowEdges(doc: TreeDoc, highlighted: string[] | null, marks: Record<string, DiffMark> | null = null): Edge[] {
  const onPath = new Set<string>();
  if (highlighted) for (let i = 1; i < highlighted.length; i++) onPath.add(`${highlighted[i - 1]}>${highlighted[i]}`);
  return visibleEdges(doc).map(({ source, target, index }) => {
    const id = `${source}>${target}`;
    const label = edgeLabel(doc.nodes[source], index);
    const tone = label === "confirms" ? "is-confirms" : label === "declines" ? "is-declines" : "";
    const state = onPath.has(id) ? "is-highlighted" : highlighted ? "is-dimmed" : "";
    const diff = marks?.[target]?.status === "added" ? "is-added" : marks?.[target]?.status === "removed" ? "is-removed" : "";
    return {
      id, source, target, type: "smoothstep", label, className: `tree-edge ${tone} ${state} ${diff}`.replace(/\s+/g, " ").trim(),
      animated: onPath.has(id),
      labelBgPadding: [5, 2] as [number, number], labelBgBorderRadius: 8,
      zIndex: onPath.has(id) ? 1 : 0,
    };
  });
}
