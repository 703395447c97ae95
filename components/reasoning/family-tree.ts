import type { Problem } from "@/lib/reasoning/schema";

/** A family as a tree: each problem under its parent, children by round then id. */
export interface FamilyNode {
  problem: Problem;
  children: FamilyNode[];
}

export function familyTree(members: Problem[]): FamilyNode[] {
  const nodes = new Map(members.map((p) => [p.id, { problem: p, children: [] as FamilyNode[] }]));
  const roots: FamilyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.problem.lineage.parent ? nodes.get(node.problem.lineage.parent) : undefined;
    (parent ? parent.children : roots).push(node);
  }
  const order = (a: FamilyNode, b: FamilyNode) => a.problem.lineage.round - b.problem.lineage.round || (a.problem.id < b.problem.id ? -1 : 1);
  const sort = (list: FamilyNode[]) => {
    list.sort(order);
    for (const n of list) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Histogram bins as chart rows: one row per difficulty, one count column per round. */
export function histogramRows(bins: { round: number; difficulty: number; count: number }[]): { rows: Record<string, number>[]; rounds: number[] } {
  const rounds = [...new Set(bins.map((b) => b.round))].sort((a, b) => a - b);
  const byDifficulty = new Map<number, Record<string, number>>();
  for (const b of bins) {
    const row = byDifficulty.get(b.difficulty) ?? { difficulty: b.difficulty, ...Object.fromEntries(rounds.map((r) => [`round ${r}`, 0])) };
    row[`round ${b.round}`] = b.count;
    byDifficulty.set(b.difficulty, row);
  }
  return { rows: [...byDifficulty.values()].sort((a, b) => a.difficulty - b.difficulty), rounds };
}

/** Mean difficulty and problem count per round, in round order: the shift in one line. */
export function roundMeans(bins: { round: number; difficulty: number; count: number }[]): { round: number; mean: number; count: number }[] {
  const sums = new Map<number, { total: number; count: number }>();
  for (const b of bins) {
    const s = sums.get(b.round) ?? { total: 0, count: 0 };
    sums.set(b.round, { total: s.total + b.difficulty * b.count, count: s.count + b.count });
  }
  return [...sums].sort(([a], [b]) => a - b).map(([round, s]) => ({ round, mean: Math.round((s.total / s.count) * 10) / 10, count: s.count }));
}
