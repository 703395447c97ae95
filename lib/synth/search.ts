import type { Database, DomainSpec } from "@/lib/domain/schema";
import { diffStates, runTree, type TreeRun } from "@/lib/env";
import type { Branch, TreeDoc } from "@/lib/tree/schema";
import { climb } from "./climb";
import { constantBlock, explainMiss, missingTool } from "./explain";
import { followPath, type Candidate, type PathGoal, type PathTrace } from "./trace";

export interface SearchOptions {
  seed: number;
  /** Walks the search may spend (default DEFAULT_MAX_ITERATIONS). */
  maxIterations?: number;
  /**
   * Among inputs that follow the branch, prefer those scoring higher here (hack.ts: data on which
   * the persuaded route makes sense, so a refusal differs from the allowed case by its rule alone).
   * Spends up to `polishIterations` (default POLISH_ITERATIONS) more walks once the branch is reached.
   */
  prefer?: (cand: Candidate) => number;
  polishIterations?: number;
}

export type BranchInput =
  | { ok: true; db: Database; user: Record<string, unknown>; confirm: Record<string, boolean>; run: TreeRun; tries: number }
  | { ok: false; reason: string; tries: number };

export type BranchPath = Pick<Branch, "nodeIds" | "confirmations" | "leafId">;

export const DEFAULT_MAX_ITERATIONS = 1200;
const FACTS_ONLY_SHARE = 0.6;
export const POLISH_ITERATIONS = 120;

export const confirmAnswers = (branch: Pick<Branch, "confirmations">): Record<string, boolean> =>
  Object.fromEntries(branch.confirmations.map((c) => [c.nodeId, c.confirmed]));

/** A walk is what a branch needs when it follows the whole path and no write on it fails. */
const isSound = (trace: PathTrace) => trace.complete && trace.failedWrites.length === 0;

/**
 * Finds a starting database and user facts that drive the interpreter down exactly
 * `branch.nodeIds` (confirm answers come from the branch). The search starts from the domain's
 * seed database with no facts, climbs on how far along the path a walk gets, then drops every
 * fact and record edit the branch does not need. The answer is re-checked with the real runTree.
 * When no candidate works, `reason` names the node and guard where the deepest attempt stopped.
 */
export function findBranchInput(doc: TreeDoc, branch: BranchPath, domain: DomainSpec, opts: SearchOptions): BranchInput {
  const goal: PathGoal = { nodeIds: branch.nodeIds, confirm: confirmAnswers(branch) };
  const constant = missingTool(doc, branch, domain) ?? constantBlock(doc, branch);
  if (constant) return { ok: false, reason: constant, tries: 0 };
  // Existing data first: a case reads better when it picks real records than when it edits them.
  // Record edits are allowed only for what choosing facts could not reach.
  const budget = opts.maxIterations ?? DEFAULT_MAX_ITERATIONS;
  const setup = {
    doc,
    goal,
    domain,
    variable: new Set(domain.userFacts.map((f) => f.name)),
    seed: opts.seed,
    score: (trace: PathTrace, _cand: Candidate, dbEdits: number) => ({
      score: trace.progress * 1000 - trace.failedWrites.length * 400 - dbEdits * 2,
      isPerfect: isSound(trace),
    }),
  };
  const factsOnly = climb({ ...setup, start: { user: {}, db: domain.db }, freezeDb: true, maxIterations: Math.ceil(budget * FACTS_ONLY_SHARE) });
  const withEdits = factsOnly.best.isPerfect
    ? null
    : climb({ ...setup, start: factsOnly.best.cand, freezeDb: false, maxIterations: budget - factsOnly.tries });
  const tries = factsOnly.tries + (withEdits?.tries ?? 0);
  const best = withEdits && withEdits.best.score > factsOnly.best.score ? withEdits.best : factsOnly.best;
  if (!best.isPerfect) return { ok: false, reason: explainMiss(doc, best.trace, tries, domain.userFacts.map((f) => f.name)), tries };

  let found = best.cand;
  if (opts.prefer) {
    const prefer = opts.prefer;
    // Only the values of the facts the branch needs may change: which order, not extra facts.
    const polished = climb({
      ...setup,
      variable: new Set(Object.keys(found.user)),
      start: found,
      freezeDb: true,
      maxIterations: opts.polishIterations ?? POLISH_ITERATIONS,
      score: (trace, cand) => (isSound(trace) ? { score: 1e7 + prefer(cand) * 1000, isPerfect: false } : { score: trace.progress * 1000, isPerfect: false }),
    });
    found = polished.best.cand;
  }
  // The preference picks which records the needed facts point at; the facts it merely favours
  // (a valid reason on a refused order) are dropped here and come back as hack facts.
  const cand = minimize(found, domain.db, new Set(), (c) => isSound(followPath(doc, goal, domain, c)));
  const run = runTree(doc, domain, { db: cand.db, user: cand.user, confirm: goal.confirm });
  const mismatch = runMismatch(run, branch);
  if (mismatch) return { ok: false, reason: `the interpreter did not follow the branch the search found: ${mismatch}`, tries };
  return { ok: true, db: cand.db, user: cand.user, confirm: goal.confirm, run, tries };
}

/**
 * Drops facts (except `keep`) and reverts record fields to `seedDb` one at a time, keeping each
 * drop that `isStillGood` accepts: the case then states only what its branch depends on.
 */
export function minimize(cand: Candidate, seedDb: Database, keep: Set<string>, isStillGood: (c: Candidate) => boolean): Candidate {
  let current = cand;
  for (const fact of Object.keys(current.user)) {
    if (keep.has(fact)) continue;
    const user = { ...current.user };
    delete user[fact];
    const next = { user, db: current.db };
    if (isStillGood(next)) current = next;
  }
  const fields = new Set(diffStates(seedDb, current.db).map((c) => `${c.table}\u0000${c.key}\u0000${(c.field ?? "").split(".")[0]}`));
  for (const at of fields) {
    const [table, key, field] = at.split("\u0000");
    const seedRecord = seedDb[table]?.[key];
    if (!seedRecord || !field) continue;
    const record = { ...current.db[table][key] };
    if (Object.hasOwn(seedRecord, field)) record[field] = seedRecord[field];
    else delete record[field];
    const next = { user: current.user, db: { ...current.db, [table]: { ...current.db[table], [key]: record } } };
    if (isStillGood(next)) current = next;
  }
  return current;
}

/** Why a run is not the branch (null when it is). */
export function runMismatch(run: TreeRun, branch: BranchPath): string | null {
  if (run.stuck) return `the run got stuck at ${run.stuck.nodeId}: ${run.stuck.reason}`;
  if (run.nodeIds.join(">") !== branch.nodeIds.join(">")) return `it took ${run.nodeIds.join(" > ")} instead of ${branch.nodeIds.join(" > ")}`;
  if (run.leafId !== branch.leafId) return `it ended at ${run.leafId ?? "no leaf"}, not ${branch.leafId}`;
  return null;
}

