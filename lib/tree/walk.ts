import type { TreeDoc, TreeNode } from "./schema";

/**
 * One cycle-safe depth-first pass over a document that may not be a tree: what is reachable,
 * the parent each reachable node was first reached from, every node's parents, and the cycles
 * (one per back edge). Iterative, so a deep chain cannot overflow the stack.
 */
export interface TreeWalk {
  reachable: Set<string>;
  /** The parent each reachable node was first reached from (null for the root), in pre-order. */
  treeParent: Map<string, string | null>;
  /** Parent ids of each node, once per listing (a parent listing a child twice counts twice). */
  parents: Map<string, string[]>;
  /** Node ids around each cycle, starting and ending at the same node. */
  cycles: string[][];
}

export function walkTree(doc: TreeDoc): TreeWalk {
  const parents = new Map<string, string[]>();
  for (const node of Object.values(doc.nodes)) {
    for (const childId of node.children ?? []) {
      if (doc.nodes[childId]) parents.set(childId, [...(parents.get(childId) ?? []), node.id]);
    }
  }

  const reachable = new Set<string>();
  const treeParent = new Map<string, string | null>();
  const cycles: string[][] = [];
  const done = new Set<string>();

  const dfs = (start: string, fromRoot: boolean) => {
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const onStack = new Set([start]);
    const visit = (id: string) => {
      done.add(id);
      if (fromRoot) {
        reachable.add(id);
        treeParent.set(id, stack.length > 1 ? stack[stack.length - 2].id : null);
      }
    };
    visit(start);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1];
      const children = doc.nodes[frame.id]?.children ?? [];
      if (frame.next >= children.length) {
        onStack.delete(frame.id);
        stack.pop();
        continue;
      }
      const childId = children[frame.next++];
      if (!doc.nodes[childId]) continue;
      if (onStack.has(childId)) {
        const from = stack.findIndex((f) => f.id === childId); // only on a back edge: rare
        cycles.push([...stack.slice(from).map((f) => f.id), childId]);
      } else if (!done.has(childId)) {
        stack.push({ id: childId, next: 0 });
        onStack.add(childId);
        visit(childId);
      }
    }
  };

  if (doc.nodes[doc.rootId]) dfs(doc.rootId, true);
  // Cycles among unreachable nodes are still cycles worth naming.
  for (const id of Object.keys(doc.nodes)) if (!done.has(id)) dfs(id, false);
  return { reachable, treeParent, parents, cycles };
}

/** `"Order is pending" (n4)`: how messages name a node. */
export function nodeName(node: TreeNode | undefined, id?: string): string {
  const nodeId = node?.id ?? id ?? "?";
  const label = node?.label?.trim();
  if (!label) return `(${nodeId})`;
  return `"${label.length > 60 ? `${label.slice(0, 57)}...` : label}" (${nodeId})`;
}
