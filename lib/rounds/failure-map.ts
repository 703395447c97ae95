import type { FailureCategory, FailurePoint } from "./failure-point";

/** One trial as mining sees it: its case's branch and persona, and where it failed (null: passed). */
export interface MinedTrial {
  caseId: string;
  trial: number;
  treeId: number | null;
  branchId: string;
  nodeIds: string[];
  labels: string[];
  kind: string;
  persona: string;
  failure: FailurePoint | null;
}

/** A tree node: trials whose branch passes through it, failures located at it. */
export interface NodeFailureStat {
  treeId: number | null;
  nodeId: string;
  label: string;
  trials: number;
  failures: number;
  /** failures / trials. */
  rate: number;
  categories: Partial<Record<FailureCategory, number>>;
  /** Failures per persona key. */
  personas: Record<string, number>;
  /** Cases and branches that failed here. */
  caseIds: string[];
  branchIds: string[];
}

export interface PersonaStat {
  key: string;
  label: string;
  trials: number;
  failures: number;
  rate: number;
}

export interface FailureMap {
  trials: number;
  failures: number;
  /** Every node some trial passed through, weakest first. */
  nodes: NodeFailureStat[];
  personas: PersonaStat[];
  categories: Partial<Record<FailureCategory, number>>;
  /** The weak nodes chosen for growth, in priority order. */
  weak: { treeId: number | null; nodeId: string }[];
}

const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const personaKey = (persona: string) => persona.trim().replace(/\s+/g, " ").toLowerCase();
const personaLabel = (persona: string) => {
  const text = persona.trim().replace(/\s+/g, " ");
  return text.length > 70 ? `${text.slice(0, 69)}…` : text;
};
const nodeKey = (treeId: number | null, nodeId: string) => `${treeId ?? "-"}:${nodeId}`;
const bump = <K extends string>(m: Partial<Record<K, number>>, k: K) => void (m[k] = (m[k] ?? 0) + 1);

/** Orders node stats weakest first: failure rate, then failures, then tree and node id (stable for a seed). */
function weakestFirst(a: NodeFailureStat, b: NodeFailureStat): number {
  return b.rate - a.rate || b.failures - a.failures || (a.treeId ?? -1) - (b.treeId ?? -1) || compareKeys(a.nodeId, b.nodeId);
}

/**
 * Groups mined trials by the node where each failed and by persona. A node's rate divides the
 * failures located at it by the trials whose branch passes through it, so a node deep in the tree
 * is not diluted by trials that never reached it.
 */
export function buildFailureMap(trials: MinedTrial[], options: { weakNodes: number; minFailures: number }): FailureMap {
  const nodes = new Map<string, NodeFailureStat>();
  const personas = new Map<string, PersonaStat>();
  const categories: FailureMap["categories"] = {};
  let failures = 0;
  for (const t of trials) {
    t.nodeIds.forEach((nodeId, i) => {
      const key = nodeKey(t.treeId, nodeId);
      const stat = nodes.get(key) ?? { treeId: t.treeId, nodeId, label: t.labels[i] ?? nodeId, trials: 0, failures: 0, rate: 0, categories: {}, personas: {}, caseIds: [], branchIds: [] };
      stat.trials++;
      nodes.set(key, stat);
    });
    const pk = personaKey(t.persona);
    const ps = personas.get(pk) ?? { key: pk, label: personaLabel(t.persona), trials: 0, failures: 0, rate: 0 };
    ps.trials++;
    personas.set(pk, ps);
    if (!t.failure) continue;
    failures++;
    ps.failures++;
    bump(categories, t.failure.category);
    const at = nodes.get(nodeKey(t.treeId, t.failure.nodeId));
    if (!at) continue; // a node off the branch cannot happen: locateFailure only names branch nodes
    at.failures++;
    bump(at.categories, t.failure.category);
    at.personas[pk] = (at.personas[pk] ?? 0) + 1;
    if (!at.caseIds.includes(t.caseId)) at.caseIds.push(t.caseId);
    if (!at.branchIds.includes(t.branchId)) at.branchIds.push(t.branchId);
  }
  const stats = [...nodes.values()].map((s) => ({ ...s, rate: s.trials ? s.failures / s.trials : 0 })).sort(weakestFirst);
  const weak = stats.filter((s) => s.failures >= options.minFailures).slice(0, options.weakNodes).map((s) => ({ treeId: s.treeId, nodeId: s.nodeId }));
  const personaStats = [...personas.values()].map((p) => ({ ...p, rate: p.trials ? p.failures / p.trials : 0 })).sort((a, b) => b.rate - a.rate || b.failures - a.failures || compareKeys(a.key, b.key));
  return { trials: trials.length, failures, nodes: stats, personas: personaStats, categories, weak };
}

/** The stat of one node, or undefined. */
export const nodeStat = (map: FailureMap, treeId: number | null, nodeId: string) => map.nodes.find((n) => n.treeId === treeId && n.nodeId === nodeId);
