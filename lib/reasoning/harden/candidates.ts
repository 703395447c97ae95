import type { Database } from "@/lib/domain/schema";
import type { Rng } from "@/lib/synth/prng";
import { dateOnly, isDateText, monthWindow, shiftDays } from "../query/dates";
import { scopeRows } from "../query/evaluate";
import type { Row } from "../query/rows";
import type { Query, Result, Step } from "../query/schema";
import { foreignKeys, primaryKeyField } from "../query/tables";
import { candidateQuery, scopesOf } from "../generate/templates";
import type { Mutation } from "../schema";

/**
 * Candidate rewrites of a query, one family per mutation. Each only proposes: the caller runs
 * the new program, and keeps a candidate only when its answer is unambiguous, reachable and its
 * computed difficulty is above the parent's.
 */
export type Candidate = { queries: Query[]; patch?: { table: string; key: string; record: Record<string, unknown> }[] };

const tableOf = (row: Row) => row.ref.slice(0, row.ref.indexOf("/"));
const fieldValues = (rows: Row[], field: string) => rows.map((r) => r.rec[field] ?? r.derived[field]);

/** Row fields by kind, read from the rows themselves (derived values included). */
function kinds(rows: Row[]) {
  const fields = [...new Set(rows.flatMap((r) => [...Object.keys(r.rec), ...Object.keys(r.derived)]))].sort();
  const out = { categorical: [] as string[], numeric: [] as string[], dates: [] as string[], booleans: [] as string[] };
  for (const f of fields) {
    const vs = fieldValues(rows, f).filter((v) => v !== null && v !== undefined);
    if (vs.length < 2) continue;
    if (vs.every((v) => typeof v === "number")) out.numeric.push(f);
    else if (vs.every((v) => typeof v === "boolean")) out.booleans.push(f);
    else if (vs.every(isDateText)) out.dates.push(f);
    else if (vs.every((v) => typeof v === "string" && v.length <= 40) && new Set(vs).size >= 2) out.categorical.push(f);
  }
  return out;
}

/** Filters that keep some rows and drop others: categories, flags, thresholds. */
function filters(rows: Row[], rng: Rng): Step[] {
  const k = kinds(rows);
  const out: Step[] = [];
  for (const f of k.categorical) for (const v of rng.sample([...new Set(fieldValues(rows, f) as string[])], 2)) out.push({ op: "where", field: f, cmp: "eq", value: v });
  for (const f of k.booleans) out.push({ op: "where", field: f, cmp: "eq", value: true });
  for (const f of k.numeric) {
    const xs = (fieldValues(rows, f) as number[]).filter((x) => typeof x === "number").sort((a, b) => a - b);
    out.push({ op: "where", field: f, cmp: "gt", value: xs[Math.floor((xs.length - 1) / 2)] });
  }
  return rng.sample(out, out.length);
}

function windows(rows: Row[], rng: Rng): Step[] {
  const out: Step[] = [];
  for (const f of kinds(rows).dates) {
    for (const v of rng.sample((fieldValues(rows, f) as string[]).filter(isDateText), 2)) {
      out.push({ op: "window", field: f, ...monthWindow(dateOnly(v)) });
      out.push({ op: "window", field: f, from: shiftDays(dateOnly(v), -7), to: shiftDays(dateOnly(v), 7) });
    }
  }
  return out;
}

/** Inserts a step before the query's derived values are used (after its walk). */
const withStep = (q: Query, step: Step): Query => ({ ...q, steps: [...q.steps, step] });

export function candidatesFor(mutation: Mutation, query: Query, db: Database, rng: Rng): Candidate[] {
  const rows = scopeRows(query, db);
  switch (mutation) {
    case "add_filter":
      return filters(rows, rng).slice(0, 6).map((s) => ({ queries: [withStep(query, s)] }));
    case "date_window":
      return windows(rows, rng).slice(0, 6).map((s) => ({ queries: [withStep(query, s)] }));
    case "add_hop": {
      if (!rows.length) return [];
      const out: Candidate[] = [];
      const fields = Object.keys(rows[0].rec);
      for (const fk of foreignKeys(db, tableOf(rows[0])).concat(fieldsToTables(db, fields))) {
        if (!fields.includes(fk.field) || query.steps.some((s) => s.op === "join" && s.field === fk.field)) continue;
        const as = fk.table.replace(/s$/, "");
        const joined = rows.flatMap((r) => {
          const rec = db[fk.table]?.[String(r.rec[fk.field])];
          return rec ? [{ ...r, rec, derived: {} }] : [];
        });
        for (const f of filters(joined, rng).slice(0, 3)) {
          if (f.op !== "where") continue;
          out.push({ queries: [{ ...query, steps: [...query.steps, { op: "join", field: fk.field, table: fk.table, as }, { ...f, field: `${as}.${f.field}` }] }] });
        }
      }
      return out;
    }
    case "group": {
      const k = kinds(rows);
      const result = query.result;
      const summed = "field" in result && result.field && k.numeric.includes(result.field) ? result.field : k.numeric[0];
      const out: Result[] = [];
      for (const by of k.categorical) {
        out.push({ op: "group_best", by, agg: "count" });
        if (summed) out.push({ op: "group_best", by, agg: "sum", field: summed });
      }
      return out.map((r) => ({ queries: [{ ...query, result: r }] }));
    }
    case "compose": {
      const scopes = scopesOf(db).filter((s) => s.anchorTable === query.anchor.table);
      const out: Candidate[] = [];
      for (let i = 0; i < 8 && scopes.length; i++) {
        const q2 = candidateQuery(db, rng.pick(scopes), query.anchor.key, rng);
        if (q2 && JSON.stringify(q2) !== JSON.stringify(query)) out.push({ queries: [query, q2] });
      }
      return out;
    }
    case "distractor": {
      // a query without a filter gets one, and the distractor fails it
      const own = distractors(query, db, rng);
      if (own.length) return own;
      return [...filters(rows, rng), ...windows(rows, rng)].slice(0, 4).flatMap((f) => distractors(withStep(query, f), db, rng));
    }
    default:
      return [];
  }
}

/** Fields named like another table's id ("item_id" → variants keyed by item_id). */
function fieldsToTables(db: Database, fields: string[]) {
  return Object.keys(db).flatMap((t) => {
    const pk = primaryKeyField(db, t);
    return pk && fields.includes(pk) ? [{ field: pk, table: t }] : [];
  });
}

/** A key for a copy of `key` in `table`: the same shape with the next free number. */
export function freshKey(db: Database, table: string, key: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(key);
  const rows = db[table] ?? {};
  if (m) {
    for (let n = Number(m[2]) + 1; n < Number(m[2]) + 10_000; n++) {
      const k = `${m[1]}${String(n).padStart(m[2].length, "0")}${m[3]}`;
      if (!Object.hasOwn(rows, k)) return k;
    }
  }
  let i = 2;
  while (Object.hasOwn(rows, `${key}-${i}`)) i++;
  return `${key}-${i}`;
}

/**
 * A record that a careless agent would count: a copy of a record the answer stands on, with
 * the filtered field changed so that the filter drops it. Kept only when skipping the filter
 * would change the answer (checked by the caller).
 */
function distractors(query: Query, db: Database, rng: Rng): Candidate[] {
  const out: Candidate[] = [];
  query.steps.forEach((step, i) => {
    if (step.op !== "where" && step.op !== "window") return;
    if (step.field.includes(".")) return;
    const passing = scopeRows({ anchor: query.anchor, steps: query.steps.slice(0, i + 1) }, db).filter((r) => r.prefix === null && r.ref !== `${query.anchor.table}/${query.anchor.key}`);
    for (const row of rng.sample(passing, 2)) {
      const table = tableOf(row);
      const pk = primaryKeyField(db, table);
      if (!pk) continue;
      const failing = failingValue(step, db, table);
      if (failing === undefined) continue;
      const key = freshKey(db, table, row.rec[pk] as string);
      const current = row.rec[step.field];
      const value = step.op === "window" && typeof current === "string" && typeof failing === "string" ? failing + current.slice(10) : failing;
      out.push({ queries: [query], patch: [{ table, key, record: { ...structuredClone(row.rec), [pk]: key, [step.field]: value } }] });
    }
  });
  return out;
}

function failingValue(step: Extract<Step, { op: "where" | "window" }>, db: Database, table: string): unknown {
  if (step.op === "window") return shiftDays(step.from, -3);
  const v = step.value;
  switch (step.cmp) {
    case "eq": {
      const others = [...new Set(Object.values(db[table]).map((r) => r[step.field]))].filter((x) => x !== v && x !== undefined);
      return others.length ? others[0] : undefined;
    }
    case "ne":
      return v;
    case "gt":
    case "ge":
      return typeof v === "number" ? v - Math.max(1, Math.abs(v) * 0.5) : undefined;
    case "lt":
    case "le":
      return typeof v === "number" ? v + Math.max(1, Math.abs(v) * 0.5) : undefined;
  }
}

