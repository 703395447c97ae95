import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";
import type { TreeDoc } from "./schema";

/**
 * Top-down tree layout with elkjs (layered, DOWN). Children keep their order left to right
 * (elk's model order follows the order we list nodes and edges in), and collapsed subtrees are
 * left out, which is also what keeps big trees fast to lay out.
 */

export type NodeSize = { width: number; height: number };
export type Position = { x: number; y: number };

export const DEFAULT_NODE_SIZE: NodeSize = { width: 220, height: 84 };

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.layered.crossingMinimization.forceNodeModelOrder": "true",
  "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
  "elk.layered.nodePlacement.bk.fixedAlignment": "BALANCED",
  "elk.spacing.nodeNode": "32",
  "elk.layered.spacing.nodeNodeBetweenLayers": "72",
  "elk.separateConnectedComponents": "false",
};

/**
 * The nodes on the canvas, in tree order: depth-first from the root, then any node no path
 * reaches (so validation can point at it), never descending into a collapsed node.
 */
export function visibleNodeIds(doc: TreeDoc): string[] {
  const out: string[] = [];
  const placed = new Set<string>();
  // Every node is placed once: shown, or hidden under a collapsed ancestor.
  const visit = (id: string, isShown: boolean) => {
    if (placed.has(id) || !doc.nodes[id]) return;
    placed.add(id);
    if (isShown) out.push(id);
    for (const c of doc.nodes[id].children) visit(c, isShown && !doc.nodes[id].collapsed);
  };
  visit(doc.rootId, true);
  const hasParent = new Set(Object.values(doc.nodes).flatMap((n) => n.children));
  for (const id of Object.keys(doc.nodes)) if (!hasParent.has(id)) visit(id, true);
  for (const id of Object.keys(doc.nodes)) visit(id, true); // what is left sits on an unreachable cycle
  return out;
}

/** Parent → child pairs among visible nodes, in child order. */
export function visibleEdges(doc: TreeDoc, visible: Iterable<string> = visibleNodeIds(doc)): { source: string; target: string; index: number }[] {
  const shown = new Set(visible);
  const edges: { source: string; target: string; index: number }[] = [];
  for (const id of shown) {
    const node = doc.nodes[id];
    if (node.collapsed) continue;
    node.children.forEach((child, index) => {
      if (shown.has(child)) edges.push({ source: id, target: child, index });
    });
  }
  return edges;
}

let elk: InstanceType<typeof ELK> | null = null;

/** Top-left positions for the visible nodes. `sizes` defaults to DEFAULT_NODE_SIZE per node. */
export async function layoutTree(doc: TreeDoc, sizes: Record<string, NodeSize> = {}): Promise<Record<string, Position>> {
  const ids = visibleNodeIds(doc);
  if (ids.length === 0) return {};
  const graph: ElkNode = {
    id: "__tree",
    layoutOptions: LAYOUT_OPTIONS,
    children: ids.map((id) => ({ id, ...(sizes[id] ?? DEFAULT_NODE_SIZE) })),
    edges: visibleEdges(doc, ids).map((e) => ({ id: `${e.source}>${e.target}`, sources: [e.source], targets: [e.target] })),
  };
  elk ??= new ELK();
  const laid = await elk.layout(graph);
  const positions: Record<string, Position> = {};
  for (const n of laid.children ?? []) positions[n.id] = { x: n.x ?? 0, y: n.y ?? 0 };
  return positions;
}
