import { alignProposal } from "./diff-align";
import { treeOrder } from "./edit";
import type { TreeDoc, TreeNode } from "./schema";

/**
 * What a proposal (an expander's tree) would change in a base tree, node by node, and how to
 * take part of it. Both work on the aligned proposal (diff-align.ts), so ids in a diff are ids
 * of the aligned proposal (added, changed) or of the base (removed, changed).
 */
export { alignProposal, labelSimilarity } from "./diff-align";

export type TreeDiff = {
  added: string[];
  removed: string[];
  changed: { id: string; fields: string[] }[];
};

/** Fields a curator edits; `collapsed` is view state and never a change. */
const FIELDS = ["kind", "label", "guard", "tool", "args", "saveAs", "missing", "reason", "children"] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function changedFields(a: TreeNode, b: TreeNode): string[] {
  return FIELDS.filter((f) => {
    if (f === "args") return !same(sortKeys(a.args), sortKeys(b.args));
    return !same(a[f], b[f]);
  });
}

const sortKeys = (o?: Record<string, string>) => (o ? Object.fromEntries(Object.entries(o).sort(([x], [y]) => x.localeCompare(y))) : undefined);

export function diffTrees(base: TreeDoc, proposal: TreeDoc): TreeDiff {
  const aligned = alignProposal(base, proposal);
  const added = treeOrder(aligned).filter((id) => !base.nodes[id]);
  const removed = treeOrder(base).filter((id) => !aligned.nodes[id]);
  const changed = treeOrder(aligned)
    .filter((id) => base.nodes[id])
    .map((id) => ({ id, fields: changedFields(base.nodes[id], aligned.nodes[id]) }))
    .filter((c) => c.fields.length > 0);
  return { added, removed, changed };
}

/** Every id a diff lists, for "accept all". */
export const diffIds = (d: TreeDiff): string[] => [...d.added, ...d.changed.map((c) => c.id), ...d.removed];

/**
 * The base with the accepted part of a proposal applied. Accepting a node of the proposal takes
 * its proposal fields and brings its proposal ancestors along (a node cannot hang from a parent
 * that does not list it); accepting a removed node deletes it with the removed nodes under it.
 * A new child whose parent is accepted but which is not itself accepted stays out; a base child
 * the proposal drops stays unless its removal is accepted. Nothing accepted: the base itself.
 */
export function applyProposal(base: TreeDoc, proposal: TreeDoc, acceptedIds: Iterable<string> | "all"): TreeDoc {
  const aligned = alignProposal(base, proposal);
  const diff = diffTrees(base, aligned);
  const listed = new Set(diffIds(diff));
  const requested = acceptedIds === "all" ? [...listed] : [...acceptedIds].filter((id) => listed.has(id));
  if (requested.length === 0) return base;

  const proposalParent = parentMap(aligned);
  const accepted = new Set<string>();
  const removals = new Set<string>();
  for (const id of requested) {
    if (!aligned.nodes[id]) {
      removals.add(id);
      continue;
    }
    for (let cur: string | undefined = id; cur && !accepted.has(cur); cur = proposalParent.get(cur)) accepted.add(cur);
  }

  const nodes: Record<string, TreeNode> = { ...base.nodes };
  // A removed node goes with the nodes under it that the proposal removes too (moved ones stay).
  const stack = [...removals];
  while (stack.length) {
    const id = stack.pop()!;
    if (!nodes[id] || aligned.nodes[id]) continue;
    stack.push(...nodes[id].children);
    delete nodes[id];
  }
  const exists = (id: string) => Boolean(nodes[id]) || accepted.has(id);
  const owner = new Map<string, string>();
  for (const id of accepted) {
    const next = aligned.nodes[id];
    const kept = next.children.filter((c) => (base.nodes[c] ? exists(c) : accepted.has(c)));
    // Base children the proposal drops (removal not accepted) keep their place.
    const before = base.nodes[id]?.children ?? [];
    before.forEach((c, i) => {
      if (!next.children.includes(c) && nodes[c] && !accepted.has(c)) kept.splice(Math.min(i, kept.length), 0, c);
    });
    for (const c of kept) if (next.children.includes(c)) owner.set(c, id);
    const { collapsed: _view, ...fields } = next;
    nodes[id] = { ...fields, children: kept, ...(base.nodes[id]?.collapsed && kept.length ? { collapsed: true } : {}) };
  }
  // A node the proposal moved under an accepted parent leaves its old parent; deleted ids leave every list.
  for (const [id, node] of Object.entries(nodes)) {
    const children = node.children.filter((c) => nodes[c] && (owner.get(c) ?? id) === id);
    if (children.length !== node.children.length) nodes[id] = { ...node, children };
  }
  const rootId = accepted.has(aligned.rootId) ? aligned.rootId : base.rootId;
  return { ...base, rootId, nodes };
}

function parentMap(doc: TreeDoc): Map<string, string> {
  const parent = new Map<string, string>();
  for (const node of Object.values(doc.nodes)) for (const c of node.children) if (!parent.has(c)) parent.set(c, node.id);
  return parent;
}
