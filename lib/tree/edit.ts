import { DomainError } from "@/lib/errors";
import { isLeafKind, type NodeKind, type TreeDoc, type TreeNode } from "./schema";

/**
 * Pure edit operations on a TreeDoc: each returns a new document (unchanged nodes keep their
 * identity, so React can skip them) or throws a DomainError that names the node. An edit that
 * would change nothing returns the same document object, so callers can skip a history step.
 */

export const DEFAULT_LABELS: Record<NodeKind, string> = {
  decision: "New decision",
  tool_call: "Call a tool",
  confirm: "Ask the user to confirm",
  execute: "Carry out the request",
  clarify: "Ask for the missing details",
  refuse: "Refuse: against policy",
  transfer: "Transfer to a human agent",
  abort: "Stop: cannot proceed",
};

/** Fields that only some kinds carry; changeKind drops the rest. */
const KIND_FIELDS: Record<string, (k: NodeKind) => boolean> = {
  tool: (k) => k === "tool_call",
  args: (k) => k === "tool_call",
  saveAs: (k) => k === "tool_call",
  missing: (k) => k === "clarify",
  reason: (k) => k === "refuse" || k === "transfer" || k === "abort",
};

export type NodePatch = Partial<Omit<TreeNode, "id" | "kind" | "children">>;

function nodeOf(doc: TreeDoc, id: string): TreeNode {
  const node = doc.nodes[id];
  if (!node) throw new DomainError("invalid", `Node "${id}" does not exist.`, { nodeId: id });
  return node;
}

const withNodes = (doc: TreeDoc, nodes: Record<string, TreeNode>): TreeDoc => ({ ...doc, nodes });

/** The node listing `id` among its children (the first one, should a broken tree have several). */
export function parentOf(doc: TreeDoc, id: string): TreeNode | undefined {
  return Object.values(doc.nodes).find((n) => n.children.includes(id));
}

/** A fresh id for a node of `kind`: "refuse_3" style, unique in the document. */
export function freshId(doc: TreeDoc, kind: NodeKind): string {
  for (let n = 1; ; n++) if (!doc.nodes[`${kind}_${n}`]) return `${kind}_${n}`;
}

export function addChild(doc: TreeDoc, parentId: string, kind: NodeKind): { doc: TreeDoc; id: string } {
  const parent = nodeOf(doc, parentId);
  if (isLeafKind(parent.kind)) {
    throw new DomainError("invalid", `"${parent.label}" is a ${parent.kind} leaf; leaves end a branch and have no children.`, { nodeId: parentId });
  }
  if (parent.kind === "confirm" && parent.children.length >= 2) {
    throw new DomainError("invalid", `"${parent.label}" already has its two children (confirms, declines).`, { nodeId: parentId });
  }
  const id = freshId(doc, kind);
  const child: TreeNode = { id, kind, label: DEFAULT_LABELS[kind], children: [] };
  if (kind === "tool_call") child.args = {};
  if (kind === "clarify") child.missing = [];
  // A collapsed parent opens, so the new child is on screen.
  const opened: TreeNode = { ...parent, children: [...parent.children, id] };
  delete opened.collapsed;
  return { doc: withNodes(doc, { ...doc.nodes, [id]: child, [parentId]: opened }), id };
}

/** Ids in the subtree under `id` (itself included), each once even if the tree is broken. */
export function subtreeIds(doc: TreeDoc, id: string): string[] {
  const seen = new Set<string>();
  const stack = [id];
  while (stack.length) {
    const cur = stack.pop()!;
    if (seen.has(cur) || !doc.nodes[cur]) continue;
    seen.add(cur);
    stack.push(...doc.nodes[cur].children);
  }
  return [...seen];
}

export function deleteSubtree(doc: TreeDoc, id: string): TreeDoc {
  nodeOf(doc, id);
  if (id === doc.rootId) throw new DomainError("invalid", "The root cannot be deleted; change its kind or delete its children instead.", { nodeId: id });
  // Nodes still reachable from the root without passing through `id` stay (a broken tree may
  // share a child or loop back to an ancestor); the rest of the subtree goes.
  const kept = new Set<string>();
  const stack = [doc.rootId];
  while (stack.length) {
    const cur = stack.pop()!;
    if (cur === id || kept.has(cur) || !doc.nodes[cur]) continue;
    kept.add(cur);
    stack.push(...doc.nodes[cur].children);
  }
  const gone = new Set(subtreeIds(doc, id).filter((x) => !kept.has(x)));
  const nodes: Record<string, TreeNode> = {};
  for (const [key, node] of Object.entries(doc.nodes)) {
    if (gone.has(key)) continue;
    nodes[key] = node.children.some((c) => gone.has(c)) ? { ...node, children: node.children.filter((c) => !gone.has(c)) } : node;
  }
  return withNodes(doc, nodes);
}

/** Moves `id` one place up (earlier) or down among its siblings; at either end nothing changes. */
export function moveChild(doc: TreeDoc, id: string, direction: "up" | "down"): TreeDoc {
  nodeOf(doc, id);
  const parent = parentOf(doc, id);
  if (!parent) return doc;
  const from = parent.children.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (to < 0 || to >= parent.children.length) return doc;
  const children = [...parent.children];
  [children[from], children[to]] = [children[to], children[from]];
  return withNodes(doc, { ...doc.nodes, [parent.id]: { ...parent, children } });
}

/** Applies a patch; a key set to undefined (or an empty guard/reason/saveAs) removes the field. */
export function updateNode(doc: TreeDoc, id: string, patch: NodePatch): TreeDoc {
  const node = nodeOf(doc, id);
  const next: TreeNode = { ...node };
  let changed = false;
  for (const [key, raw] of Object.entries(patch) as [keyof NodePatch, unknown][]) {
    const value = (key === "guard" || key === "reason" || key === "saveAs") && raw === "" ? undefined : raw;
    if (value === undefined) {
      if (key in next) { delete next[key]; changed = true; }
    } else if (next[key] !== value) {
      (next as Record<string, unknown>)[key] = value;
      changed = true;
    }
  }
  return changed ? withNodes(doc, { ...doc.nodes, [id]: next }) : doc;
}

/** Why a node cannot become `kind`, or null when it can. */
export function kindChangeBlocker(node: TreeNode, kind: NodeKind): string | null {
  if (isLeafKind(kind) && node.children.length > 0) {
    return `A ${kind} leaf has no children; delete or move this node's ${node.children.length} children first.`;
  }
  if (kind === "confirm" && node.children.length > 2) return "A confirm node has at most two children (confirms, declines).";
  return null;
}

export function changeKind(doc: TreeDoc, id: string, kind: NodeKind): TreeDoc {
  const node = nodeOf(doc, id);
  if (node.kind === kind) return doc;
  const blocker = kindChangeBlocker(node, kind);
  if (blocker) throw new DomainError("invalid", `"${node.label}": ${blocker}`, { nodeId: id });
  const next: TreeNode = { ...node, kind };
  for (const [field, applies] of Object.entries(KIND_FIELDS)) if (!applies(kind)) delete next[field as keyof TreeNode];
  if (kind === "tool_call" && !next.args) next.args = {};
  if (kind === "clarify" && !next.missing) next.missing = [];
  if (isLeafKind(kind)) delete next.collapsed;
  if (node.label === DEFAULT_LABELS[node.kind]) next.label = DEFAULT_LABELS[kind];
  return withNodes(doc, { ...doc.nodes, [id]: next });
}

export function toggleCollapsed(doc: TreeDoc, id: string): TreeDoc {
  const node = nodeOf(doc, id);
  if (node.children.length === 0 && !node.collapsed) return doc;
  const next = { ...node };
  if (node.collapsed) delete next.collapsed;
  else next.collapsed = true;
  return withNodes(doc, { ...doc.nodes, [id]: next });
}

/** Expands every collapsed ancestor of `id`, so the node shows on the canvas. */
export function revealNode(doc: TreeDoc, id: string): TreeDoc {
  let out = doc;
  const seen = new Set<string>();
  for (let p = parentOf(doc, id); p && !seen.has(p.id); p = parentOf(doc, p.id)) {
    seen.add(p.id);
    if (p.collapsed) out = toggleCollapsed(out, p.id);
  }
  return out;
}

/** Every node id in tree order: depth-first from the root, then nodes no path reaches. */
export function treeOrder(doc: TreeDoc): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id) || !doc.nodes[id]) return;
    seen.add(id);
    out.push(id);
    for (const c of doc.nodes[id].children) visit(c);
  };
  visit(doc.rootId);
  for (const id of Object.keys(doc.nodes)) visit(id);
  return out;
}

/** Ids whose label, guard or tool contains `query` (case-insensitive), in tree order. */
export function search(doc: TreeDoc, query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return treeOrder(doc).filter((id) => {
    const n = doc.nodes[id];
    return [n.label, n.guard, n.tool].some((text) => text?.toLowerCase().includes(q));
  });
}
