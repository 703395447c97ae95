"use client";
import { Background, Controls, Handle, Position, ReactFlow, type Node, type NodeProps } from "@xyflow/react";
import { useQuery } from "@tanstack/react-query";
import { memo, useMemo } from "react";
import type { DiffMark } from "@/components/editor/expand/proposal-view";
import { pct } from "@/components/train/format";
import type { NodeFailureStat } from "@/lib/rounds/failure-map";
import { layoutTree, visibleEdges, visibleNodeIds } from "@/lib/tree/layout";
import type { TreeDoc, TreeNode } from "@/lib/tree/schema";
import "@xyflow/react/dist/style.css";

const SIZE = { width: 190, height: 64 };

type FailureNodeData = { node: TreeNode; stat: NodeFailureStat | null; diff: DiffMark["status"] | null; isSelected: boolean };
type FailureFlowNode = Node<FailureNodeData, "failure">;

/** Red where the policy fails most, green where trials pass through unharmed, white where none went. */
export function rateColor(stat: NodeFailureStat | null): string {
  if (!stat || stat.trials === 0) return "#ffffff";
  return `hsl(${Math.round(120 * (1 - stat.rate))} 75% ${stat.failures ? 86 : 93}%)`;
}

const FailureNodeView = memo(function FailureNodeView({ data }: NodeProps<FailureFlowNode>) {
  const { node, stat, diff, isSelected } = data;
  return (
    <div className={`failure-node${isSelected ? " selected" : ""}${diff ? ` diff-${diff}` : ""}`} style={{ background: rateColor(stat) }} data-testid="failure-node" data-node-id={node.id} data-failures={stat?.failures ?? 0}>
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="kind">{node.kind}{diff ? ` · ${diff}` : ""}</div>
      <div className="label">{node.label || node.id}</div>
      {stat && <div className="stat">{stat.failures}/{stat.trials} failed · {pct(stat.rate)}</div>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

const nodeTypes = { failure: FailureNodeView };

/** The doc with every subtree open (collapsing is the editor's view state, not the map's). */
const expanded = (doc: TreeDoc): TreeDoc => ({ ...doc, nodes: Object.fromEntries(Object.entries(doc.nodes).map(([id, n]) => [id, { ...n, collapsed: false }])) });

/**
 * A tree, read-only, its nodes coloured by the round's failure rate there; a click selects a
 * node. With a proposal's marks, added / changed / removed nodes are outlined as in the editor.
 */
export function FailureCanvas({ doc, layoutKey, stats, marks, selectedId, onSelect }: {
  doc: TreeDoc; layoutKey: string; stats: Map<string, NodeFailureStat>; marks: Record<string, DiffMark> | null; selectedId: string | null; onSelect: (id: string) => void;
}) {
  const open = useMemo(() => expanded(doc), [doc]);
  const layout = useQuery({
    queryKey: ["rounds", "layout", layoutKey],
    queryFn: () => layoutTree(open, Object.fromEntries(Object.keys(open.nodes).map((id) => [id, SIZE]))),
    staleTime: Infinity,
  });
  const nodes = useMemo<FailureFlowNode[]>(() => {
    const positions = layout.data ?? {};
    return visibleNodeIds(open).filter((id) => positions[id]).map((id) => ({
      id, type: "failure", position: positions[id],
      data: { node: open.nodes[id], stat: stats.get(id) ?? null, diff: marks?.[id]?.status ?? null, isSelected: id === selectedId },
    }));
  }, [layout.data, open, stats, marks, selectedId]);
  const edges = useMemo(() => visibleEdges(open).map((e) => ({ id: `${e.source}>${e.target}`, source: e.source, target: e.target })), [open]);
  return (
    <div className="failure-canvas" data-testid="failure-canvas">
      {layout.error ? <p className="alert error">Could not lay the tree out: {layout.error.message}</p> : (
        <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} onNodeClick={(_, n) => onSelect(n.id)} nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} fitView minZoom={0.1} maxZoom={1.5} key={`${layoutKey}:${Boolean(layout.data)}`}>
          <Background gap={20} size={1} color="#d6dae1" />
          <Controls showInteractive={false} />
        </ReactFlow>
      )}
    </div>
  );
}
