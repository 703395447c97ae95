import { DomainError } from "@/lib/errors";
import { LEAF_KINDS, isLeafKind, type Branch, type OutcomeCounts, type TreeDoc } from "./schema";

/**
 * A tree's branches are its root-to-leaf paths: each becomes one test case. Enumeration is
 * safe on documents that are not trees: a child already on the path (a cycle) or missing is
 * skipped, and a path through an inner node without children yields no branch (validation
 * reports it as "no outcome").
 */

/** A tree of n nodes has at most n leaves; a DAG can have exponentially many paths. */
export const MAX_BRANCHES = 50_000;

export function enumerateBranches(doc: TreeDoc, limit = MAX_BRANCHES): Branch[] {
  const branches: Branch[] = [];
  if (!doc.nodes[doc.rootId]) return branches;
  const path: string[] = [];
  const onPath = new Set<string>();
  // For each path position: which child index of the previous node led here.
  const childIndex: number[] = [];

  const emit = (leafId: string) => {
    if (branches.length >= limit) {
      throw new DomainError("limit", `The tree has more than ${limit} branches; shared subtrees multiply paths: copy them or split the tree`);
    }
    const nodes = path.map((id) => doc.nodes[id]);
    branches.push({
      id: path.join(">"),
      nodeIds: [...path],
      outcome: doc.nodes[leafId].kind as Branch["outcome"],
      leafId,
      guards: nodes.filter((n) => n.guard?.trim()).map((n) => ({ nodeId: n.id, guard: n.guard! })),
      confirmations: nodes.flatMap((n, i) =>
        n.kind === "confirm" && i + 1 < nodes.length && childIndex[i + 1] < 2
          ? [{ nodeId: n.id, confirmed: childIndex[i + 1] === 0 }]
          : [],
      ),
      labels: nodes.map((n) => n.label),
    });
  };

  // Explicit stack: deep trees must not overflow the call stack.
  const stack: { id: string; index: number; depth: number }[] = [{ id: doc.rootId, index: -1, depth: 0 }];
  while (stack.length > 0) {
    const { id, index, depth } = stack.pop()!;
    while (path.length > depth) onPath.delete(path.pop()!);
    childIndex.length = depth;
    path.push(id);
    onPath.add(id);
    childIndex.push(index);
    const node = doc.nodes[id];
    if (isLeafKind(node.kind)) {
      emit(id);
      continue;
    }
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) {
      const childId = children[i];
      if (doc.nodes[childId] && !onPath.has(childId)) stack.push({ id: childId, index: i, depth: depth + 1 });
    }
  }
  return branches;
}

/** Branches per outcome, every kind present. */
export function countOutcomes(branches: Pick<Branch, "outcome">[]): OutcomeCounts {
  const counts = Object.fromEntries(LEAF_KINDS.map((k) => [k, 0])) as OutcomeCounts;
  for (const b of branches) counts[b.outcome] += 1;
  return counts;
}

/** Nodes on the longest path from the root (a lone root: 1; no root: 0). Cycle-safe, iterative. */
export function treeDepth(doc: TreeDoc): number {
  if (!doc.nodes[doc.rootId]) return 0;
  const depth = new Map<string, number>();
  const onPath = new Set([doc.rootId]);
  const stack = [{ id: doc.rootId, next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    const children = doc.nodes[frame.id].children ?? [];
    if (frame.next < children.length) {
      const childId = children[frame.next++];
      if (doc.nodes[childId] && !onPath.has(childId) && !depth.has(childId)) {
        stack.push({ id: childId, next: 0 });
        onPath.add(childId);
      }
      continue;
    }
    // Children on the path (a cycle) have no depth yet and count for nothing.
    const below = Math.max(0, ...children.map((c) => depth.get(c) ?? 0));
    depth.set(frame.id, below + 1);
    onPath.delete(frame.id);
    stack.pop();
  }
  return depth.get(doc.rootId)!;
}

export type BranchingFactors = {
  /** Children per reachable inner node (decision, tool_call, confirm). */
  perNode: Record<string, number>;
  mean: number;
  max: number;
};

/** How wide the tree fans out, over the inner nodes reachable from the root. */
export function branchingFactors(doc: TreeDoc): BranchingFactors {
  const perNode: Record<string, number> = {};
  const seen = new Set<string>();
  const stack = doc.nodes[doc.rootId] ? [doc.rootId] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = doc.nodes[id];
    if (isLeafKind(node.kind)) continue;
    const children = (node.children ?? []).filter((c) => doc.nodes[c]);
    perNode[id] = children.length;
    stack.push(...children);
  }
  const counts = Object.values(perNode);
  const mean = counts.length ? counts.reduce((a, b) => a + b, 0) / counts.length : 0;
  return { perNode, mean, max: counts.length ? Math.max(...counts) : 0 };
}
