import type { TreeDoc, TreeNode } from "@/lib/tree/schema";

/**
 * Example trees are written nested (so a reader sees the shape) and stored flat (TreeDoc).
 * Each helper returns a node with its children inline; `flattenTree` turns the root into a
 * document and rejects a repeated id, which nesting alone cannot rule out.
 */
export type NestedNode = Omit<TreeNode, "children"> & { children: NestedNode[] };

type ToolCallSpec = { tool: string; args: Record<string, string>; saveAs?: string };

const node = (id: string, kind: TreeNode["kind"], label: string, children: NestedNode[] = [], extra: Partial<TreeNode> = {}): NestedNode => ({
  id,
  kind,
  label,
  ...extra,
  children,
});

/** Puts a CEL guard on a node: its parent takes it when the guard holds. */
export const when = (guard: string, child: NestedNode): NestedNode => ({ ...child, guard });

export const decision = (id: string, label: string, children: NestedNode[]) => node(id, "decision", label, children);

export const toolCall = (id: string, label: string, call: ToolCallSpec, children: NestedNode[]) =>
  node(id, "tool_call", label, children, { tool: call.tool, args: call.args, ...(call.saveAs ? { saveAs: call.saveAs } : {}) });

/** children[0] when the user confirms, children[1] when they decline. */
export const confirm = (id: string, label: string, onYes: NestedNode, onNo: NestedNode) => node(id, "confirm", label, [onYes, onNo]);

export const execute = (id: string, label: string) => node(id, "execute", label);
export const clarify = (id: string, label: string, missing: string[]) => node(id, "clarify", label, [], { missing });
export const refuse = (id: string, label: string, reason: string) => node(id, "refuse", label, [], { reason });
export const transfer = (id: string, label: string, reason: string) => node(id, "transfer", label, [], { reason });
export const abort = (id: string, label: string, reason: string) => node(id, "abort", label, [], { reason });

/** The flat document for a nested tree; throws on a repeated node id. */
export function flattenTree(root: NestedNode): TreeDoc {
  const nodes: Record<string, TreeNode> = {};
  const visit = (n: NestedNode) => {
    if (nodes[n.id]) throw new Error(`example tree: node id "${n.id}" is used twice`);
    const { children, ...rest } = n;
    nodes[n.id] = { ...rest, children: children.map((c) => c.id) };
    children.forEach(visit);
  };
  visit(root);
  return { version: 1, rootId: root.id, nodes };
}
