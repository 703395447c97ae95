import { compareKeys } from "@/lib/env/state";
import { createRng, seedFor } from "@/lib/synth/prng";
import { personaKey, type FailureMap } from "./failure-map";
import type { GrowthSettings } from "./schema";

/** One new case to make: a branch at a tree revision, a persona, a copy index (the synthesizer's seed varies with it). */
export interface GrowthItem {
  treeId: number;
  revision: number;
  branchId: string;
  personaId: string;
  k: number;
  /** The weak node this case targets. */
  nodeId: string;
}

export interface GrowthContext {
  /** The cases the round already has on each branch ("treeId:branchId" → persona texts), so new ones get other personas. */
  existing: Map<string, string[]>;
  library: { id: string; persona: string }[];
  /** Per tree: its current revision and the branch ids that revision has. */
  trees: Map<number, { revision: number; branchIds: Set<string> }>;
  /** Revision each failing branch's cases were made from (used when the current tree no longer has the branch). */
  caseRevisions: Map<string, number>;
  /** Branches never grown (the held-out set's). */
  heldOut: Set<string>;
}

export const branchKey = (treeId: number | null, branchId: string) => `${treeId ?? "-"}:${branchId}`;

/**
 * The new cases a round makes: for each weak node in priority order, each branch that failed at
 * it gets `casesPerBranch` cases, each with a persona the round has not used on that branch yet
 * (seeded choice; the library is reused only once exhausted), until `maxCases`. The branch is
 * taken at the tree's current revision when it still exists there (so accepted expansions count),
 * else at the revision its failing case came from. Pure: same map, context and seed, same plan.
 */
export function planGrowth(map: FailureMap, ctx: GrowthContext, settings: Pick<GrowthSettings, "casesPerBranch" | "maxCases">, seed: number): { items: GrowthItem[]; skipped: { branchId: string; reason: string }[] } {
  const items: GrowthItem[] = [];
  const skipped: { branchId: string; reason: string }[] = [];
  const planned = new Set<string>();
  if (!ctx.library.length) return { items, skipped: [{ branchId: "*", reason: "the persona library is empty: import personas first" }] };
  for (const weak of map.weak) {
    const stat = map.nodes.find((n) => n.treeId === weak.treeId && n.nodeId === weak.nodeId);
    if (!stat || weak.treeId === null) continue;
    for (const branchId of [...stat.branchIds].sort(compareKeys)) {
      const key = branchKey(weak.treeId, branchId);
      if (planned.has(key)) continue;
      planned.add(key);
      if (ctx.heldOut.has(key)) {
        skipped.push({ branchId, reason: "held-out branch" });
        continue;
      }
      const tree = ctx.trees.get(weak.treeId);
      const revision = tree?.branchIds.has(branchId) ? tree.revision : ctx.caseRevisions.get(key);
      if (revision === undefined) {
        skipped.push({ branchId, reason: "its tree is gone" });
        continue;
      }
      const used = new Set((ctx.existing.get(key) ?? []).map(personaKey));
      const fresh = ctx.library.filter((p) => !used.has(personaKey(p.persona)));
      const pool = fresh.length ? fresh : ctx.library;
      const room = Math.min(settings.casesPerBranch, settings.maxCases - items.length);
      const chosen = createRng(seedFor(seed, `personas:${key}`)).sample(pool, room);
      // fewer fresh personas than cases wanted: the rest reuse the library (their seeds still differ by k)
      while (chosen.length < room) chosen.push(ctx.library[(chosen.length * 7 + seed) % ctx.library.length]);
      chosen.forEach((p, k) => items.push({ treeId: weak.treeId!, revision, branchId, personaId: p.id, k, nodeId: weak.nodeId }));
      if (items.length >= settings.maxCases) return { items, skipped };
    }
  }
  return { items, skipped };
}
