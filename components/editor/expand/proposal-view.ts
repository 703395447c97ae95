import { parentOf, subtreeIds } from "@/lib/tree/edit";
import { alignProposal, diffIds, diffTrees, type TreeDiff } from "@/lib/tree/diff";
import type { TreeDoc } from "@/lib/tree/schema";

/**
 * A proposal as the editor shows it: the aligned proposal (what "accept all" gives), its diff
 * against the document, and a display document that is the proposal plus the removed nodes put
 * back where the base had them, so the canvas can strike them through. Pure.
 */
export type DiffStatus = "added" | "changed" | "removed";
export type DiffMark = { status: DiffStatus; fields?: string[] };

export type ProposalView = {
  /** The aligned proposal: ids of nodes it shares with the document are the document's. */
  doc: TreeDoc;
  /** What the canvas draws while the proposal is open. */
  display: TreeDoc;
  diff: TreeDiff;
  marks: Record<string, DiffMark>;
  notes: string[];
  /** Who wrote it: "deterministic" or "llm". */
  source: string;
  /** Ids the curator has ticked (all of them at first). */
  selected: string[];
};

export function buildProposalView(base: TreeDoc, proposal: TreeDoc, notes: string[], source: string): ProposalView {
  const doc = alignProposal(base, proposal);
  const diff = diffTrees(base, doc);
  const marks: Record<string, DiffMark> = {};
  for (const id of diff.added) marks[id] = { status: "added" };
  for (const c of diff.changed) marks[c.id] = { status: "changed", fields: c.fields };
  for (const id of diff.removed) marks[id] = { status: "removed" };
  return { doc, display: withRemoved(base, doc, diff.removed), diff, marks, notes, source, selected: diffIds(diff) };
}

/** The proposal with each removed base node back under its base parent, at its base place. */
function withRemoved(base: TreeDoc, doc: TreeDoc, removed: string[]): TreeDoc {
  if (removed.length === 0) return doc;
  const gone = new Set(removed);
  const nodes = { ...doc.nodes };
  // A removed node keeps only its removed children: those the proposal kept are drawn where it put them.
  for (const id of removed) nodes[id] = { ...base.nodes[id], children: base.nodes[id].children.filter((c) => gone.has(c)) };
  for (const id of removed) {
    const parent = parentOf(base, id);
    if (!parent || gone.has(parent.id) || !nodes[parent.id]) continue;
    const children = [...nodes[parent.id].children];
    children.splice(Math.min(parent.children.indexOf(id), children.length), 0, id);
    nodes[parent.id] = { ...nodes[parent.id], children };
  }
  return { ...doc, nodes };
}

/** Diff-listed ids under `id` in a document (itself excluded). */
const listedBelow = (doc: TreeDoc, id: string, marks: ProposalView["marks"], statuses: DiffStatus[]) =>
  subtreeIds(doc, id).filter((x) => x !== id && marks[x] && statuses.includes(marks[x].status));

/** Diff-listed ancestors of `id` in a document. */
function listedAbove(doc: TreeDoc, id: string, marks: ProposalView["marks"], statuses: DiffStatus[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let p = parentOf(doc, id); p && !seen.has(p.id); p = parentOf(doc, p.id)) {
    seen.add(p.id);
    if (marks[p.id] && statuses.includes(marks[p.id].status)) out.push(p.id);
  }
  return out;
}

/**
 * The selection after ticking or unticking one change, kept consistent with what applying it
 * does: a ticked node brings its ancestors (and a new node its new subtree); an unticked node
 * takes its descendants along. For removals the other way round: removing a node removes the
 * removed nodes under it; keeping one keeps its removed ancestors.
 */
export function toggleSelection(view: ProposalView, id: string, checked: boolean): string[] {
  const mark = view.marks[id];
  if (!mark) return view.selected;
  const next = new Set(view.selected);
  let affected: string[];
  if (mark.status === "removed") {
    affected = checked ? listedBelow(view.display, id, view.marks, ["removed"]) : listedAbove(view.display, id, view.marks, ["removed"]);
  } else if (checked) {
    affected = [...listedAbove(view.doc, id, view.marks, ["added", "changed"]), ...(mark.status === "added" ? listedBelow(view.doc, id, view.marks, ["added"]) : [])];
  } else {
    affected = listedBelow(view.doc, id, view.marks, ["added", "changed"]);
  }
  for (const x of [id, ...affected]) {
    if (checked) next.add(x);
    else next.delete(x);
  }
  // Keep the diff's order, so the list and the request read the same.
  return diffIds(view.diff).filter((x) => next.has(x));
}
