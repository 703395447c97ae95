import type { DomainSpec, UserFact } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
import type { TreeDoc } from "@/lib/tree/schema";
import { focusOf } from "./focus";
import { applyMoves, proposeMoves, type Move } from "./moves";
import { factPool, indexFields, type FactValue } from "./pools";
import { createRng } from "./prng";
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
}

export interface ClimbResult {
  best: Scored;
  tries: number;
}

const STALL_LIMIT = 3;
const PLATEAU_CHOICES = 8;

/** Every guard of the tree: literals for the value pools. */
export const treeGuards = (doc: TreeDoc): string[] => Object.values(doc.nodes).flatMap((n) => (n.guard ? [n.guard] : []));

/**
 * Seeded first-improvement hill climbing over (user facts, database) toward a path, with plateau
 * moves and random restarts. Moves come from what blocked the current walk (see focus.ts), so
 * the search spends its tries on the facts and records that matter. Deterministic for a seed.
 */
export function climb(setup: ClimbSetup): ClimbResult {
  const { doc, goal, domain, variable, freezeDb, maxIterations } = setup;
  const rng = createRng(setup.seed);
  const facts = new Map<string, UserFact>(domain.userFacts.map((f) => [f.name, f]));
  const index = indexFields(domain.db);
  const guards = treeGuards(doc);
  const pools = new Map<string, FactValue[]>([...variable].flatMap((name) => (facts.has(name) ? [[name, factPool(facts.get(name)!, index, guards)]] : [])));
  const edits = new WeakMap<Candidate, Map<string, Move>>();
  const visited = new Set<string>();
  let tries = 0;

  const evaluate = (cand: Candidate): Scored => {
    tries++;
    const trace = followPath(doc, goal, domain, cand);
    const { score, isPerfect } = setup.score(trace, cand, edits.get(cand)?.size ?? 0);
    return { cand, trace, score, isPerfect };
  };
  const keyOf = (cand: Candidate) => canonicalJson(cand.user) + "|" + [...(edits.get(cand)?.keys() ?? [])].sort().map((k) => `${k}=${canonicalJson(edits.get(cand)!.get(k)!.value)}`).join(",");
  const step = (from: Candidate, moves: Move[]): Candidate => {
    const cand = applyMoves(from, moves);
    const mine = new Map(edits.get(from) ?? []);
    for (const m of moves) if (m.kind === "field") mine.set(`${m.table}/${m.key}/${m.field}`, m);
    edits.set(cand, mine);
    return cand;
  };
  const randomStart = (): Candidate => {
    const moves: Move[] = [];
    for (const name of variable) if (rng.next() < 0.5 && pools.get(name)?.length) moves.push({ kind: "fact", fact: name, value: rng.pick(pools.get(name)!) });
    return step(setup.start, moves);
  };

  let current = evaluate(step(setup.start, []));
  visited.add(keyOf(current.cand));
  let best = current;
  let stall = 0;
  while (!best.isPerfect && tries < maxIterations) {
    const focus = focusOf(doc, goal, current.trace, domain, current.cand);
    const moveSets = proposeMoves({ cand: current.cand, focus, facts, pools, variable, outputs: current.trace.outputs, freezeDb, rng });
    let improved: Scored | null = null;
    const level: Scored[] = [];
    for (const moves of moveSets) {
      if (tries >= maxIterations) break;
      const cand = step(current.cand, moves);
      const key = keyOf(cand);
      if (visited.has(key)) continue;
      visited.add(key);
      const scored = evaluate(cand);
      if (scored.score > best.score || (scored.isPerfect && !best.isPerfect)) best = scored;
      if (scored.isPerfect || scored.score > current.score) {
        improved = scored;
        break;
      }
      if (scored.score === current.score && level.length < PLATEAU_CHOICES) level.push(scored);
    }
    if (improved) {
      current = improved;
      stall = 0;
    } else if (level.length && ++stall < STALL_LIMIT) {
      current = rng.pick(level);
    } else {
      stall = 0;
      if (tries >= maxIterations) break;
      current = evaluate(randomStart());
      if (current.score > best.score) best = current;
    }
  }
  return { best, tries };
}

