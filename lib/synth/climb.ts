import type { DomainSpec, UserFact } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
import type { TreeDoc } from "@/lib/tree/schema";
import { indexRecords, type RecordIndex } from "./cluster";
import { focusOf } from "./focus";
import { applyMoves, proposeMoves, type Move } from "./moves";
import { factPool, indexFields, type FactValue } from "./pools";
import { createRng } from "./prng";
import { exprRefs, mergeRefs } from "./refs";
import { followPath, type Candidate, type PathGoal, type PathTrace } from "./trace";

export interface Scored {
  cand: Candidate;
  trace: PathTrace;
  score: number;
  isPerfect: boolean;
}

export interface ClimbSetup {
  doc: TreeDoc;
  goal: PathGoal;
  domain: Pick<DomainSpec, "tools" | "userFacts" | "db">;
  start: Candidate;
  /** Facts the search may set or drop; the others keep their start value. */
  variable: Set<string>;
  freezeDb: boolean;
  seed: number;
  maxIterations: number;
  score(trace: PathTrace, cand: Candidate, dbEdits: number): { score: number; isPerfect: boolean };
  /** The tree whose guards supply literals for the value pools (default: doc). */
  poolDoc?: TreeDoc;
  /** Walk softly (see followPath): guards only score, they do not stop the walk. */
  soft?: boolean;
}

export interface ClimbResult {
  best: Scored;
  tries: number;
}

/** Steps a kicked fact stays untouchable, so the climb repairs around it instead of undoing it. */
const TABU_STEPS = 6;
/** Move sets tried per step before the climb counts as stuck (they come shuffled). */
const MOVES_PER_STEP = 80;

const indexCache = new WeakMap<object, WeakMap<TreeDoc, { pools: Map<string, FactValue[]>; records: RecordIndex }>>();

/** Value pools and the record index of a domain's seed database, per tree (cached: both are pure). */
function domainIndexes(domain: Pick<DomainSpec, "userFacts" | "db">, doc: TreeDoc) {
  let perDoc = indexCache.get(domain.db);
  if (!perDoc) indexCache.set(domain.db, (perDoc = new WeakMap()));
  let found = perDoc.get(doc);
  if (!found) {
    const index = indexFields(domain.db);
    const guards = treeGuards(doc);
    const pools = new Map<string, FactValue[]>(domain.userFacts.map((f) => [f.name, factPool(f, index, guards)]));
    perDoc.set(doc, (found = { pools, records: indexRecords(domain.db) }));
  }
  return found;
}

/** For each fact, the first position on the path whose guard or bindings read it. */
function upstreamRank(doc: TreeDoc, goal: PathGoal): Map<string, number> {
  const rank = new Map<string, number>();
  goal.nodeIds.forEach((id, i) => {
    const node = doc.nodes[id];
    const exprs = [node?.guard, ...Object.values(node?.args ?? {})];
    for (const f of mergeRefs(exprs.map(exprRefs)).userFacts) if (!rank.has(f)) rank.set(f, i);
  });
  return rank;
}

/** Every guard of the tree: literals for the value pools. */
export const treeGuards = (doc: TreeDoc): string[] => Object.values(doc.nodes).flatMap((n) => (n.guard ? [n.guard] : []));

/**
 * Seeded iterated local search over (user facts, database) toward a path. Each step tries the
 * moves suggested by what blocked the current walk (focus.ts), facts before record edits, and
 * takes the first that gets further. When none does, it "kicks" the best candidate so far: one
 * by one, every value of its blocking facts, the most upstream fact first, each kept fixed for a
 * few steps so the facts downstream are repaired around it (a new customer, then one of their
 * orders …). When the kicks run out it restarts from random facts. Deterministic for a seed.
 */
export function climb(setup: ClimbSetup): ClimbResult {
  const { doc, goal, domain, variable, freezeDb, maxIterations } = setup;
  const rng = createRng(setup.seed);
  const facts = new Map<string, UserFact>(domain.userFacts.map((f) => [f.name, f]));
  const { pools: allPools, records } = domainIndexes(domain, setup.poolDoc ?? doc);
  const pools = new Map<string, FactValue[]>([...allPools].filter(([name]) => variable.has(name)));
  const edits = new WeakMap<Candidate, Map<string, unknown>>();
  const visited = new Set<string>();
  const tabu = new Map<string, number>();
  const upstream = upstreamRank(doc, goal);
  let tries = 0;
  let stepNo = 0;

  const evaluate = (cand: Candidate): Scored => {
    tries++;
    const trace = followPath(doc, goal, domain, cand, { soft: setup.soft });
    const { score, isPerfect } = setup.score(trace, cand, edits.get(cand)?.size ?? 0);
    return { cand, trace, score, isPerfect };
  };
  const keyOf = (cand: Candidate) => {
    const mine = edits.get(cand) ?? new Map();
    return canonicalJson(cand.user) + "|" + [...mine.keys()].sort().map((k) => `${k}=${canonicalJson(mine.get(k))}`).join(",");
  };
  const step = (from: Candidate, moves: Move[]): Candidate => {
    const cand = applyMoves(from, moves);
    const mine = new Map(edits.get(from) ?? []);
    for (const m of moves) if (m.kind === "field") mine.set(`${m.table}/${m.key}/${m.field}`, m.value);
    edits.set(cand, mine);
    return cand;
  };
  const randomStart = (): Candidate => {
    const moves: Move[] = [];
    for (const name of variable) if (rng.next() < 0.5 && pools.get(name)?.length) moves.push({ kind: "fact", fact: name, value: rng.pick(pools.get(name)!) });
    return step(setup.start, moves);
  };
  const isTabu = (m: Move) => m.kind === "fact" && (tabu.get(m.fact) ?? -1) >= stepNo;

  let current = evaluate(step(setup.start, []));
  visited.add(keyOf(current.cand));
  let best = current;
  const consider = (s: Scored) => {
    if (s.score > best.score || (s.isPerfect && !best.isPerfect)) best = s;
  };
  /**
   * Kicks for a stuck best: every fact-only move on its blocking facts, the most upstream fact
   * first (the customer before the order before the item: upstream choices decide what the
   * downstream facts can be), each fact's values shuffled.
   */
  const kickPlan = (from: Scored): Move[][] => {
    const focus = focusOf(doc, goal, from.trace, domain, from.cand, variable);
    const blocking = focus.facts.filter((f) => variable.has(f));
    const moveSets = proposeMoves({ cand: from.cand, focus, facts, pools, variable, outputs: from.trace.outputs, freezeDb: true, records, rng });
    const factOnly = moveSets.filter((ms) => ms.every((m) => m.kind === "fact") && (ms.length === 1 || ms[0].kind === "fact"));
    const order = (blocking.length ? blocking : [...variable]).sort((a, b) => (upstream.get(a) ?? 1e9) - (upstream.get(b) ?? 1e9));
    return order.flatMap((fact) => factOnly.filter((ms) => ms[0].kind === "fact" && ms[0].fact === fact));
  };
  let plan: { from: Scored | null; kicks: Move[][] } = { from: null, kicks: [] };

  while (!best.isPerfect && tries < maxIterations) {
    stepNo++;
    const focus = focusOf(doc, goal, current.trace, domain, current.cand, variable);
    const moveSets = proposeMoves({ cand: current.cand, focus, facts, pools, variable, outputs: current.trace.outputs, freezeDb, records, rng });
    let improved: Scored | null = null;
    for (const moves of moveSets.slice(0, MOVES_PER_STEP)) {
      if (tries >= maxIterations) break;
      if (moves.some(isTabu)) continue;
      const cand = step(current.cand, moves);
      const key = keyOf(cand);
      if (visited.has(key)) continue;
      visited.add(key);
      const scored = evaluate(cand);
      consider(scored);
      if (scored.isPerfect || scored.score > current.score) {
        improved = scored;
        break;
      }
    }
    if (improved) {
      current = improved;
      continue;
    }
    if (tries >= maxIterations) break;
    // Stuck: kick from the best candidate, trying in turn the values of the most upstream blocking fact.
    if (plan.from !== best) plan = { from: best, kicks: kickPlan(best) };
    const kick = plan.kicks.shift();
    if (!kick) {
      tabu.clear();
      plan = { from: null, kicks: [] };
      current = evaluate(randomStart());
    } else {
      for (const m of kick) if (m.kind === "fact") tabu.set(m.fact, stepNo + TABU_STEPS);
      current = evaluate(step(best.cand, kick));
    }
    consider(current);
  }
  return { best, tries };
}
