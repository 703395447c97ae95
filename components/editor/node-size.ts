import type { NodeSize } from "@/lib/tree/layout";
import type { NodeKind, TreeDoc } from "@/lib/tree/schema";

/**
 * Node boxes have fixed sizes per kind (labels clamp to two lines, guards to one), so the
 * layout knows every size before anything renders and the canvas never re-measures.
 */
export const NODE_SIZES: Record<NodeKind, NodeSize> = {
  decision: { width: 250, height: 100 },
  tool_call: { width: 236, height: 112 },
  confirm: { width: 236, height: 100 },
  execute: { width: 216, height: 112 },
  clarify: { width: 216, height: 112 },
  refuse: { width: 216, height: 112 },
  transfer: { width: 216, height: 112 },
  abort: { width: 216, height: 112 },
};

export function nodeSizes(doc: TreeDoc): Record<string, NodeSize> {
  return Object.fromEntries(Object.values(doc.nodes).map((n) => [n.id, NODE_SIZES[n.kind] ?? NODE_SIZES.decision]));
}
