import type { Database, UserFact } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
import { coherentFacts, type RecordIndex } from "./cluster";
import type { Focus, FieldTarget } from "./focus";
import { ABSENT, outputPool, type FactValue } from "./pools";
import type { Rng } from "./prng";
import type { Candidate } from "./trace";

/** One change to a candidate: a user fact (or its absence), or one field of one record. */
export type Move = { kind: "fact"; fact: string; value: FactValue } | ({ kind: "field"; value: unknown } & FieldTarget);

const PAIRS_PER_STEP = 16;
const MAX_FIELD_MOVES = 60;

export function applyMoves(cand: Candidate, moves: Move[]): Candidate {
  const user = { ...cand.user };
  let db: Database = cand.db;
  for (const move of moves) {
    if (move.kind === "fact") {
      if (move.value === ABSENT) delete user[move.fact];
      else user[move.fact] = move.value;
      continue;
    }
    const table = db[move.table];
    db = { ...db, [move.table]: { ...table, [move.key]: { ...table[move.key], [move.field]: move.value } } };
  }
  return { user, db };
}

const typeOf = (v: unknown) => (v === null || v === undefined ? "none" : Array.isArray(v) ? "array" : typeof v);

/** Values to try in a record field: literals of the blocking guards, the field's other values in the table, ±1. */
function fieldValues(db: Database, target: FieldTarget, literals: unknown[]): unknown[] {
  const rows = db[target.table] ?? {};
  const current = rows[target.key]?.[target.field];
  const kind = typeOf(current);
  const out = new Map<string, unknown>();
  const add = (v: unknown) => {
    if (v !== undefined && canonicalJson(v) !== canonicalJson(current)) out.set(canonicalJson(v), v);
  };
  for (const lit of literals) if (kind === "none" || typeOf(lit) === kind) add(lit);
  for (const row of Object.values(rows)) if (Object.hasOwn(row, target.field)) add(row[target.field]);
  if (typeof current === "number") [current - 1, current + 1].forEach(add);
  return [...out.values()];
}

/**
 * The move sets worth trying from a candidate: every value of every focused fact (static pool plus
 * values read off the current outputs); the same with the facts that go with that value in the
 * data (an order and its customer's email, see cluster.ts); random pairs of fact changes; then
 * rewrites of the focused record fields, and random pairs mixing both.
 */
export function proposeMoves(args: {
  cand: Candidate;
  focus: Focus;
  facts: Map<string, UserFact>;
  pools: Map<string, FactValue[]>;
  variable: Set<string>;
  outputs: Record<string, unknown>;
  freezeDb: boolean;
  records: RecordIndex;
  rng: Rng;
}): Move[][] {
  const { cand, focus, facts, pools, variable, outputs, freezeDb, records, rng } = args;
  const focused = focus.facts.filter((f) => variable.has(f));
  const names = focused.length || (focus.fields.length && !freezeDb) ? focused : [...variable];
  const factMoves: Move[] = [];
  const clusterMoves: Move[][] = [];
  const linked = [...variable].filter((f) => Object.hasOwn(cand.user, f) || focused.includes(f)).flatMap((f) => facts.get(f) ?? []);
  for (const name of names) {
    const fact = facts.get(name);
    if (!fact) continue;
    const seen = new Set<string>();
    const current = Object.hasOwn(cand.user, name) ? canonicalJson(cand.user[name]) : "absent";
    for (const value of [...outputPool(fact, outputs), ...(pools.get(name) ?? [])]) {
      const key = value === ABSENT ? "absent" : canonicalJson(value);
      if (key === current || seen.has(key)) continue;
      seen.add(key);
      const move: Move = { kind: "fact", fact: name, value };
      factMoves.push(move);
      const text = Array.isArray(value) && value.length === 1 ? value[0] : value;
      if (typeof text !== "string") continue;
      const more = coherentFacts(cand.db, records, fact, text, linked).filter((m) => variable.has(m.fact));
      if (more.length) clusterMoves.push([move, ...more.map((m): Move => ({ kind: "fact", ...m }))]);
    }
  }
  const fieldMoves: Move[] = freezeDb
    ? []
    : focus.fields.flatMap((t) => fieldValues(cand.db, t, focus.literals).map((value): Move => ({ kind: "field", ...t, value })));
  // Facts before record edits: a case reads better when it picks existing data than when it rewrites it.
  const facts1 = rng.sample(factMoves, factMoves.length);
  const fields1 = rng.sample(fieldMoves, MAX_FIELD_MOVES);
  return [
    ...facts1.map((m) => [m]),
    ...rng.sample(clusterMoves, clusterMoves.length),
    ...randomPairs(facts1, PAIRS_PER_STEP * 2, rng),
    ...fields1.map((m) => [m]),
    ...randomPairs([...facts1, ...fields1], PAIRS_PER_STEP, rng),
  ];
}

/** Pairs of single moves on different targets. */
function randomPairs(singles: Move[], count: number, rng: Rng): Move[][] {
  const target = (m: Move) => (m.kind === "fact" ? `f:${m.fact}` : `r:${m.table}/${m.key}/${m.field}`);
  const pairs: Move[][] = [];
  for (let i = 0; i < count * 3 && pairs.length < count && singles.length > 1; i++) {
    const a = rng.pick(singles);
    const b = rng.pick(singles);
    if (target(a) !== target(b)) pairs.push([a, b]);
  }
  return pairs;
}
