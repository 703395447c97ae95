import type { Database } from "@/lib/domain/schema";
import type { Answer, AnswerAtom } from "../schema";
import { daysBetween, dateOnly, isDateText } from "./dates";
import { EXISTS, ReadTrace, readPath, refOf, refsOf, type Row } from "./rows";
import type { Cmp, Query, Result, Scalar, Step } from "./schema";
import { primaryKeyField } from "./tables";

export type QueryOutcome =
  | { ok: true; answer: Answer; trace: ReadTrace; contributing: Set<string>; ops: number }
  | { ok: false; reason: string };

/** Thrown inside the evaluator; `evaluateQuery` turns it into a rejection with the reason. */
class Ambiguous extends Error {}
const reject = (reason: string): never => {
  throw new Ambiguous(reason);
};

/** Money and day counts: six decimals hide float noise (0.1 + 0.2) without hiding cents. */
const tidy = (n: number) => Math.round(n * 1e6) / 1e6;
const show = (v: unknown) => (typeof v === "string" ? `"${v}"` : JSON.stringify(v));

function compare(a: unknown, cmp: Cmp, b: Scalar): boolean {
  if (cmp === "eq") return a === b || (a === undefined && b === null);
  if (cmp === "ne") return !(a === b || (a === undefined && b === null));
  if (typeof a === "number" && typeof b === "number") return cmp === "gt" ? a > b : cmp === "ge" ? a >= b : cmp === "lt" ? a < b : a <= b;
  if (typeof a === "string" && typeof b === "string") return cmp === "gt" ? a > b : cmp === "ge" ? a >= b : cmp === "lt" ? a < b : a <= b;
  return false;
}

function applyStep(rows: Row[], step: Step, db: Database, trace: ReadTrace): Row[] {
  switch (step.op) {
    case "children": {
      const table = db[step.table] ?? reject(`no table "${step.table}"`);
      const keys = Object.keys(table).sort();
      return rows.flatMap((row) => {
        const pk = primaryKeyField(db, row.ref.split("/")[0]) ?? reject(`table of ${row.ref} has no id field`);
        const id = readPath(row, pk, trace);
        return keys
          .filter((k) => table[k][step.fk] === id)
          .map((k) => {
            trace.mark(refOf(step.table, k), step.fk);
            return { rec: table[k], ref: refOf(step.table, k), prefix: null, joins: {}, derived: {}, parent: null };
          });
      });
    }
    case "join": {
      const table = db[step.table] ?? reject(`no table "${step.table}"`);
      return rows.flatMap((row) => {
        const id = readPath(row, step.field, trace);
        if (typeof id !== "string" || !Object.hasOwn(table, id)) return [];
        return [{ ...row, joins: { ...row.joins, [step.as]: { rec: table[id], ref: refOf(step.table, id) } } }];
      });
    }
    case "unnest":
      return rows.flatMap((row) => {
        const list = readPath(row, step.field, trace);
        if (!Array.isArray(list)) return [];
        return list
          .filter((el): el is Record<string, unknown> => Boolean(el) && typeof el === "object" && !Array.isArray(el))
          .map((el) => ({ rec: el, ref: row.ref, prefix: step.field, joins: { ...row.joins }, derived: {}, parent: row }));
      });
    case "where":
      return rows.filter((row) => compare(readPath(row, step.field, trace), step.cmp, step.value));
    case "window":
      return rows.filter((row) => {
        const v = readPath(row, step.field, trace);
        return isDateText(v) && dateOnly(v) >= step.from && dateOnly(v) <= step.to;
      });
    case "derive":
      return rows.map((row) => ({ ...row, derived: { ...row.derived, [step.name]: derive(row, step, trace) } }));
  }
}

function derive(row: Row, step: Extract<Step, { op: "derive" }>, trace: ReadTrace): number | undefined {
  if (step.fn === "days_between") {
    const a = readPath(row, step.of, trace);
    const b = step.to && isDateText(step.to) ? step.to : step.to ? readPath(row, step.to, trace) : undefined;
    return isDateText(a) && isDateText(b) ? daysBetween(a, b) : undefined;
  }
  const list = readPath(row, step.of, trace);
  if (!Array.isArray(list)) return undefined;
  if (step.fn === "count_of") return list.length;
  let sum = 0;
  for (const el of list) {
    const v = el && typeof el === "object" ? (el as Record<string, unknown>)[step.field ?? ""] : undefined;
    if (typeof v !== "number") return undefined;
    sum += v;
  }
  return tidy(sum);
}

function numbers(rows: Row[], field: string, trace: ReadTrace): number[] {
  return rows.map((row) => {
    const v = readPath(row, field, trace);
    return typeof v === "number" ? v : reject(`${field} is missing or not a number for ${row.ref}${row.prefix ? ` (${row.prefix})` : ""}`);
  });
}

const atom = (v: unknown, what: string): AnswerAtom =>
  typeof v === "string" || typeof v === "number" ? v : reject(`${what} is ${v === undefined ? "missing" : `not a value (${show(v)})`}`);

function resolve(rows: Row[], result: Result, trace: ReadTrace): Answer {
  if (!rows.length) reject("empty result: no rows are left to aggregate");
  switch (result.op) {
    case "count":
      for (const row of rows) trace.mark(row.ref, EXISTS);
      return { kind: "number", value: rows.length, tolerance: 0 };
    case "sum":
    case "min":
    case "max":
    case "avg": {
      const xs = numbers(rows, result.field, trace);
      const v = result.op === "sum" ? xs.reduce((s, x) => s + x, 0) : result.op === "avg" ? xs.reduce((s, x) => s + x, 0) / xs.length : result.op === "min" ? Math.min(...xs) : Math.max(...xs);
      const value = tidy(v);
      return { kind: "number", value, tolerance: Number.isInteger(value) && xs.every(Number.isInteger) ? 0 : 0.01 };
    }
    case "argmax":
    case "argmin": {
      const xs = numbers(rows, result.field, trace);
      const best = result.op === "argmax" ? Math.max(...xs) : Math.min(...xs);
      const winners = rows.filter((_, i) => xs[i] === best);
      if (winners.length > 1) reject(`tie: ${winners.length} rows share the ${result.op === "argmax" ? "highest" : "lowest"} ${result.field} (${best})`);
      const value = atom(readPath(winners[0], result.pick, trace), result.pick);
      return { kind: typeof value === "number" ? "number" : "exact", value, tolerance: typeof value === "number" ? 0 : undefined };
    }
    case "top_k": {
      const xs = numbers(rows, result.field, trace);
      const order = rows.map((row, i) => ({ row, x: xs[i] })).sort((a, b) => (result.order === "desc" ? b.x - a.x : a.x - b.x));
      if (order.length < result.k) reject(`only ${order.length} rows for a top ${result.k}`);
      for (let i = 0; i < result.k; i++) {
        const next = order[i + 1];
        if (next && next.x === order[i].x) reject(`tie: two rows share ${result.field} = ${order[i].x} within or at the edge of the top ${result.k}`);
      }
      const top = order.slice(0, result.k);
      const values = top.map((t) => atom(readPath(t.row, result.pick, trace), result.pick));
      return { kind: "list", value: values, tolerance: 0 };
    }
    case "distinct": {
      const values = [...new Set(rows.map((row) => atom(readPath(row, result.field, trace), result.field)))];
      return { kind: "set", value: values.sort((a, b) => String(a).localeCompare(String(b))), tolerance: 0 };
    }
    case "group_best": {
      const groups = new Map<AnswerAtom, { total: number; rows: Row[] }>();
      for (const row of rows) {
        const key = atom(readPath(row, result.by, trace), result.by);
        const x = result.agg === "count" ? (trace.mark(row.ref, EXISTS), 1) : numbers([row], result.field ?? "", trace)[0];
        const g = groups.get(key) ?? { total: 0, rows: [] };
        g.total = tidy(g.total + x);
        g.rows.push(row);
        groups.set(key, g);
      }
      if (groups.size < 2) reject(`only one group of ${result.by}: nothing to compare`);
      const sorted = [...groups].sort((a, b) => b[1].total - a[1].total);
      if (sorted[0][1].total === sorted[1][1].total) reject(`tie: groups ${show(sorted[0][0])} and ${show(sorted[1][0])} both total ${sorted[0][1].total}`);
      const value = sorted[0][0];
      return { kind: typeof value === "number" ? "number" : "exact", value, tolerance: typeof value === "number" ? 0 : undefined };
    }
  }
}

/** The rows a query's steps leave for its aggregate (reads not recorded): what templates pick values from. */
export function scopeRows(query: Pick<Query, "anchor" | "steps">, db: Database): Row[] {
  const rec = db[query.anchor.table]?.[query.anchor.key];
  if (!rec) return [];
  let rows: Row[] = [{ rec, ref: refOf(query.anchor.table, query.anchor.key), prefix: null, joins: {}, derived: {}, parent: null }];
  try {
    for (const step of query.steps) rows = applyStep(rows, step, db, new ReadTrace());
  } catch (e) {
    if (e instanceof Ambiguous) return [];
    throw e;
  }
  return rows;
}

/**
 * Runs a query on a database. Ambiguity is a rejection with its reason, never a guess: ties,
 * empty results, missing values. On success the trace holds every field read, and
 * `contributing` the records the answer stands on.
 */
export function evaluateQuery(query: Query, db: Database): QueryOutcome {
  const trace = new ReadTrace();
  try {
    const table = db[query.anchor.table] ?? reject(`no table "${query.anchor.table}"`);
    const rec = Object.hasOwn(table, query.anchor.key) ? table[query.anchor.key] : reject(`anchor ${query.anchor.table}/${query.anchor.key} not found`);
    let rows: Row[] = [{ rec, ref: refOf(query.anchor.table, query.anchor.key), prefix: null, joins: {}, derived: {}, parent: null }];
    for (const step of query.steps) rows = applyStep(rows, step, db, trace);
    const answer = resolve(rows, query.result, trace);
    // every row that reached the aggregate matters (an argmax compares them all)
    return { ok: true, answer, trace, contributing: new Set(rows.flatMap(refsOf)), ops: query.steps.length + 1 };
  } catch (e) {
    if (e instanceof Ambiguous) return { ok: false, reason: e.message };
    throw e;
  }
}
