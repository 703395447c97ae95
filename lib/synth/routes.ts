import type { Branch, TreeDoc, TreeNode } from "@/lib/tree/schema";
import type { PathGoal } from "./trace";

/** A way off a branch toward an execute leaf: at nodeIds[ancestorIndex], take `route` instead. */
export interface Alternative {
  ancestorIndex: number;
  /** From the sibling taken instead of the branch's child, down to an execute leaf. */
  route: string[];
}

const MAX_ROUTES_PER_SIBLING = 4;

/** Paths from `startId` down to execute leaves, depth first in child order. */
export function executeRoutes(doc: TreeDoc, startId: string, limit = MAX_ROUTES_PER_SIBLING): string[][] {
  const out: string[][] = [];
  const visit = (id: string, path: string[]) => {
    const node = doc.nodes[id];
    if (!node || path.includes(id) || out.length >= limit) return;
    const next = [...path, id];
    if (node.kind === "execute") out.push(next);
    for (const child of node.children ?? []) visit(child, next);
  };
  visit(startId, []);
  return out;
}

/**
 * Where a persuaded agent would leave the branch: for each ancestor on the path, nearest first,
 * each other child (in order) whose subtree holds an execute leaf, with its routes to those leaves.
 */
export function alternatives(doc: TreeDoc, branch: Pick<Branch, "nodeIds">): Alternative[] {
  const out: Alternative[] = [];
  for (let i = branch.nodeIds.length - 2; i >= 0; i--) {
    const parent = doc.nodes[branch.nodeIds[i]];
    for (const sibling of parent?.children ?? []) {
      if (sibling === branch.nodeIds[i + 1]) continue;
      for (const route of executeRoutes(doc, sibling)) out.push({ ancestorIndex: i, route });
    }
  }
  return out;
}

/**
 * The tree as a persuaded agent walks it: the ancestor's decision forced into the route and every
 * guard on the route dropped (each node on it keeps only the next route node as its child; a
 * confirm node keeps both children and is answered toward the route instead). The branch's
 * prefix up to the ancestor is untouched. Returns the document and the path to follow in it.
 */
export function forceRoute(doc: TreeDoc, branch: Pick<Branch, "nodeIds" | "confirmations">, alt: Alternative): { doc: TreeDoc; goal: PathGoal } {
  const nodes: Record<string, TreeNode> = { ...doc.nodes };
  const chain = [branch.nodeIds[alt.ancestorIndex], ...alt.route];
  const confirm: Record<string, boolean> = Object.fromEntries(
    branch.confirmations.filter((c) => branch.nodeIds.indexOf(c.nodeId) < alt.ancestorIndex).map((c) => [c.nodeId, c.confirmed]),
  );
  for (let j = 0; j < chain.length; j++) {
    const node = { ...nodes[chain[j]] };
    if (j > 0) delete node.guard;
    const next = chain[j + 1];
    if (next !== undefined) {
      if (node.kind === "confirm") confirm[node.id] = node.children[0] === next;
      else node.children = [next];
    }
    nodes[node.id] = node;
  }
  return { doc: { ...doc, nodes }, goal: { nodeIds: [...branch.nodeIds.slice(0, alt.ancestorIndex + 1), ...alt.route], confirm } };
}
