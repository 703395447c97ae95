import type { TreeDoc, TreeNode } from "./schema";

/**
 * One cycle-safe depth-first pass over a document that may not be a tree: what is reachable,
 * each reachable node's ancestors (along the first path found), every node's parents, and the
 * cycles (one per back edge). Iterative, so a deep chain cannot overflow the stack.
 */
export interface TreeWalk {
  reachable: Set<string>;
  /** Ancestors from the root, for reachable nodes (the node itself excluded). */
  ancestors: Map<string, string[]>;
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
  const ancestors = new Map<string, string[]>();
  const cycles: string[][] = [];
  const done = new Set<string>();

  const dfs = (start: string, fromRoot: boolean) => {
    const stack: { id: string; next: number }[] = [{ id: start, next: 0 }];
    const onStack = new Set([start]);
    const visit = (id: string) => {
      done.add(id);
      if (fromRoot) {
        reachable.add(id);
        ancestors.set(id, stack.slice(0, -1).map((f) => f.id));
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
        const from = stack.findIndex((f) => f.id === childId);
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
  return { reachable, ancestors, parents, cycles };
}

/** `"Order is pending" (n4)`: how messages name a node. */
export function nodeName(node: TreeNode | undefined, id?: string): string {
  const nodeId = node?.id ?? id ?? "?";
  const label = node?.label?.trim();
  if (!label) return `(${nodeId})`;
  return `"${label.length > 60 ? `${label.slice(0, 57)}...` : label}" (${nodeId})`;
}
