import type { TreeDoc, TreeNode } from "./schema";

/**
 * Before two trees can be compared node by node, a proposal's nodes must carry the ids of the
 * base nodes they stand for. An expander that rewrites a tree keeps some ids and invents
 * others, so a proposal node whose id the base lacks is matched, top-down, to an unclaimed base
 * child of its (already matched) parent with a similar label. Deterministic and idempotent:
 * aligning an aligned proposal changes nothing.
 */

const wordsOf = (s: string) => new Set(s.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1));

/** Dice similarity of two labels' word sets, 0..1. */
export function labelSimilarity(a: string, b: string): number {
  const wa = wordsOf(a);
  const wb = wordsOf(b);
  if (wa.size === 0 || wb.size === 0) return a.trim().toLowerCase() === b.trim().toLowerCase() ? 1 : 0;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size);
}

/** Below this a new label is a different node, not a reworded one. */
const SIMILAR = 0.5;

/** Proposal id → base id, for proposal nodes whose id the base lacks but which match a base node. */
export function matchProposalIds(base: TreeDoc, proposal: TreeDoc): Map<string, string> {
  const rename = new Map<string, string>();
  const claimed = new Set(Object.keys(proposal.nodes).filter((id) => base.nodes[id]));
  const aligned = (id: string) => rename.get(id) ?? id;
  if (!base.nodes[proposal.rootId] && base.nodes[base.rootId] && !claimed.has(base.rootId) && proposal.nodes[proposal.rootId]) {
    rename.set(proposal.rootId, base.rootId);
    claimed.add(base.rootId);
  }
  const queue = proposal.nodes[proposal.rootId] ? [proposal.rootId] : [];
  const seen = new Set<string>();
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const parent = proposal.nodes[id];
    const baseParent = base.nodes[aligned(id)];
    for (const childId of parent.children) {
      const child = proposal.nodes[childId];
      if (!child) continue;
      queue.push(childId);
      if (base.nodes[childId] || rename.has(childId) || !baseParent) continue;
      const best = bestMatch(child, baseParent.children.filter((b) => !claimed.has(b) && base.nodes[b]).map((b) => base.nodes[b]));
      if (best) {
        rename.set(childId, best.id);
        claimed.add(best.id);
      }
    }
  }
  return rename;
}

function bestMatch(node: TreeNode, candidates: TreeNode[]): TreeNode | null {
  let best: { node: TreeNode; score: number } | null = null;
  for (const c of candidates) {
    const similarity = labelSimilarity(node.label, c.label);
    if (similarity < SIMILAR) continue;
    const score = similarity + (c.kind === node.kind ? 0.25 : 0) + (c.tool && c.tool === node.tool ? 0.25 : 0);
    if (!best || score > best.score) best = { node: c, score };
  }
  return best?.node ?? null;
}

/** The proposal with matched nodes renamed to their base ids (the same object when nothing matched). */
export function alignProposal(base: TreeDoc, proposal: TreeDoc): TreeDoc {
  const rename = matchProposalIds(base, proposal);
  if (rename.size === 0) return proposal;
  const to = (id: string) => rename.get(id) ?? id;
  const nodes: Record<string, TreeNode> = {};
  for (const [id, node] of Object.entries(proposal.nodes)) nodes[to(id)] = { ...node, id: to(node.id), children: node.children.map(to) };
  return { ...proposal, rootId: to(proposal.rootId), nodes };
}
