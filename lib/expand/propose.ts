import type { DomainSpec } from "@/lib/domain/schema";
import { alignProposal, diffTrees, type TreeDiff } from "@/lib/tree/diff";
import type { TreeDoc, TreeIssue } from "@/lib/tree/schema";
import { validateTree } from "@/lib/tree/validate";
import { expandWorkflowDeterministic } from "./deterministic";

/** A proposal as the editor shows it: aligned with the tree it changes, with its diff and issues. */
export type Proposal = { proposal: TreeDoc; notes: string[]; diff: TreeDiff; issues: TreeIssue[] };

/** Aligns an expander's tree with `base` (matched nodes take base ids) and diffs it. */
export function proposalAgainst(base: TreeDoc, doc: TreeDoc, notes: string[], domain: DomainSpec): Proposal {
  const proposal = alignProposal(base, doc);
  return { proposal, notes, diff: diffTrees(base, proposal), issues: validateTree(proposal, domain) };
}

/** The deterministic expansion of `steps` as a proposal against `base` (its root keeps the base root's label). */
export function proposeDeterministic(base: TreeDoc, steps: string[], domain: DomainSpec): Proposal {
  const rootLabel = base.nodes[base.rootId]?.label;
  const { doc, notes } = expandWorkflowDeterministic(steps, domain, { rootLabel });
  return proposalAgainst(base, doc, notes, domain);
}
