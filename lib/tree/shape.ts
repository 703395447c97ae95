import { branchingFactors, enumerateBranches } from "./branches";
import type { TreeDoc } from "./schema";

export type Distribution = [string, number][];

const histogram = (values: number[]): Distribution => {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => a[0] - b[0]).map(([k, n]) => [String(k), n]);
};

/**
 * The shape of a set of trees, for the statistics page: how deep the branches go (nodes on each
 * root-to-leaf path) and how wide the trees fan out (children of each inner node).
 */
export function treeShape(docs: TreeDoc[]): { depth: Distribution; branching: Distribution } {
  return {
    depth: histogram(docs.flatMap((doc) => enumerateBranches(doc).map((b) => b.nodeIds.length))),
    branching: histogram(docs.flatMap((doc) => Object.values(branchingFactors(doc).perNode))),
  };
}
