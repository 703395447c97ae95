import type { Database, UserFact } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
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
 * values read off the current outputs), rewrites of the focused record fields, and a few random
 * pairs of those (two guards often have to change together: a new order and its customer).
 */
export function proposeMoves(args: {
  cand: Candidate;
  focus: Focus;
  facts: Map<string, UserFact>;
  pools: Map<string, FactValue[]>;
  variable: Set<string>;
  outputs: Record<string, unknown>;
  freezeDb: boolean;
  rng: Rng;
}): Move[][] {
  const { cand, focus, facts, pools, variable, outputs, freezeDb, rng } = args;
  const focused = focus.facts.filter((f) => variable.has(f));
  const names = focused.length || (focus.fields.length && !freezeDb) ? focused : [...variable];
  const factMoves: Move[] = [];
  for (const name of names) {
    const fact = facts.get(name);
    if (!fact) continue;
    const seen = new Set<string>();
    const current = Object.hasOwn(cand.user, name) ? canonicalJson(cand.user[name]) : "absent";
    for (const value of [...outputPool(fact, outputs), ...(pools.get(name) ?? [])]) {
      const key = value === ABSENT ? "absent" : canonicalJson(value);
      if (key === current || seen.has(key)) continue;
      seen.add(key);
      factMoves.push({ kind: "fact", fact: name, value });
    }
  }
  const fieldMoves: Move[] = freezeDb
    ? []
    : focus.fields.flatMap((t) => fieldValues(cand.db, t, focus.literals).map((value): Move => ({ kind: "field", ...t, value })));
  const singles = [...rng.sample(factMoves, factMoves.length), ...rng.sample(fieldMoves, MAX_FIELD_MOVES)];
  return [...singles.map((m) => [m]), ...randomPairs(singles, rng)];
}

/** Pairs of single moves on different targets. */
function randomPairs(singles: Move[], rng: Rng): Move[][] {
  const target = (m: Move) => (m.kind === "fact" ? `f:${m.fact}` : `r:${m.table}/${m.key}/${m.field}`);
  const pairs: Move[][] = [];
  for (let i = 0; i < PAIRS_PER_STEP * 3 && pairs.length < PAIRS_PER_STEP && singles.length > 1; i++) {
    const a = rng.pick(singles);
    const b = rng.pick(singles);
    if (target(a) !== target(b)) pairs.push([a, b]);
  }
  return pairs;
}
