import type { Database } from "@/lib/domain/schema";
import type { Rng } from "@/lib/synth/prng";
import { dateOnly, isDateText, monthWindow } from "../query/dates";
import { scopeRows } from "../query/evaluate";
import { readPath, ReadTrace, type Row } from "../query/rows";
import type { Query, Result, Step } from "../query/schema";
import { childTables } from "../query/tables";
import { fieldKinds } from "./fields";

/** A set of rows a question can be about, reached from an anchor table by a fixed walk. */
export interface Scope {
  anchorTable: string;
  steps: Step[];
  numeric: string[];
  dates: string[];
  categorical: string[];
  booleans: string[];
  /** The field that names a row in an answer (its id). */
  pick: string | null;
  /** List fields of the rows whose element numbers can be summed into a derived value. */
  sums: { field: string; of: string }[];
}

/** Every walk from each table: its children, its children's list entries, its own list entries. */
export function scopesOf(db: Database): Scope[] {
  const out: Scope[] = [];
  for (const anchorTable of Object.keys(db).sort()) {
    const own = fieldKinds(db, anchorTable);
    for (const l of own.lists) {
      out.push({ anchorTable, steps: [{ op: "unnest", field: l.field }], numeric: l.numeric, dates: [], categorical: l.categorical, booleans: [], pick: l.id, sums: [] });
    }
    for (const child of childTables(db, anchorTable)) {
      const k = fieldKinds(db, child.table);
      const hop: Step = { op: "children", table: child.table, fk: child.fk };
      const sums = k.lists.flatMap((l) => l.numeric.map((of) => ({ field: l.field, of })));
      out.push({ anchorTable, steps: [hop], numeric: k.numeric, dates: k.dates, categorical: k.categorical.filter((c) => c !== child.fk), booleans: k.booleans, pick: k.pk, sums });
      for (const l of k.lists) {
        out.push({ anchorTable, steps: [hop, { op: "unnest", field: l.field }], numeric: l.numeric, dates: [], categorical: l.categorical, booleans: [], pick: l.id, sums: [] });
      }
    }
  }
  return out;
}

const values = (rows: Row[], field: string) => rows.map((r) => readPath(r, field, new ReadTrace()));

/** A condition that some of the anchor's rows pass: a category, a flag, a month, a threshold. */
function filterFor(scope: Scope, rows: Row[], rng: Rng): Step | null {
  const options: (() => Step | null)[] = [];
  for (const f of scope.categorical) options.push(() => {
    const v = rng.pick(values(rows, f).filter((x): x is string => typeof x === "string"));
    return v === undefined ? null : { op: "where", field: f, cmp: rng.next() < 0.75 ? "eq" : "ne", value: v };
  });
  for (const f of scope.booleans) options.push(() => ({ op: "where", field: f, cmp: "eq", value: rng.next() < 0.5 }));
  for (const f of scope.dates) options.push(() => {
    const v = rng.pick(values(rows, f).filter(isDateText));
    return v === undefined ? null : { op: "window", field: f, ...monthWindow(dateOnly(v)) };
  });
  for (const f of scope.numeric) options.push(() => {
    const xs = values(rows, f).filter((x): x is number => typeof x === "number").sort((a, b) => a - b);
    return xs.length < 2 ? null : { op: "where", field: f, cmp: "gt", value: xs[Math.floor(xs.length / 2) - 1] };
  });
  return options.length ? rng.pick(options)() : null;
}

/** A question on the scope: an aggregate of a field, a derived sum, or days between two dates. */
function questionFor(scope: Scope, rng: Rng): { derive: Step[]; result: Result } | null {
  const options: (() => { derive: Step[]; result: Result } | null)[] = [];
  const numericResult = (field: string): Result => {
    const op = rng.pick(["sum", "min", "max", "avg", "argmax", "argmin", "top_k"] as const);
    if ((op === "argmax" || op === "argmin" || op === "top_k") && !scope.pick) return { op: "max", field };
    if (op === "argmax" || op === "argmin") return { op, field, pick: scope.pick! };
    if (op === "top_k") return { op, field, k: 2, pick: scope.pick!, order: rng.next() < 0.7 ? "desc" : "asc" };
    return { op, field };
  };
  options.push(() => ({ derive: [], result: { op: "count" } }));
  for (const f of scope.numeric) options.push(() => ({ derive: [], result: numericResult(f) }));
  for (const f of scope.categorical) {
    options.push(() => ({ derive: [], result: { op: "distinct", field: f } }));
    options.push(() => ({ derive: [], result: { op: "group_best", by: f, agg: "count" } }));
    for (const n of scope.numeric) options.push(() => ({ derive: [], result: { op: "group_best", by: f, agg: "sum", field: n } }));
  }
  for (const s of scope.sums) options.push(() => ({ derive: [{ op: "derive", name: "total", fn: "sum_of", of: s.field, field: s.of }], result: numericResult("total") }));
  if (scope.dates.length >= 2) options.push(() => {
    const [a, b] = rng.sample(scope.dates, 2).sort();
    const derive: Step[] = [{ op: "where", field: a, cmp: "ne", value: null }, { op: "where", field: b, cmp: "ne", value: null }, { op: "derive", name: "days", fn: "days_between", of: a, to: b }];
    return { derive, result: numericResult("days") };
  });
  return rng.pick(options)();
}

/** One candidate question about `key` in the scope's anchor table, or null when the rows give nothing to ask. */
export function candidateQuery(db: Database, scope: Scope, key: string, rng: Rng): Query | null {
  const anchor = { table: scope.anchorTable, key };
  const rows = scopeRows({ anchor, steps: scope.steps }, db);
  if (!rows.length) return null;
  const steps: Step[] = [...scope.steps];
  if (rng.next() < 0.5) {
    const filter = filterFor(scope, rows, rng);
    if (filter) steps.push(filter);
  }
  const q = questionFor(scope, rng);
  if (!q) return null;
  return { anchor, steps: [...steps, ...q.derive], result: q.result };
}
