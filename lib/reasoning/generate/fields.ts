import type { Database } from "@/lib/domain/schema";
import { isDateText } from "../query/dates";
import { primaryKeyField } from "../query/tables";

/** What a table's fields hold, read from its records: what templates can ask about. */
export interface FieldKinds {
  pk: string | null;
  numeric: string[];
  dates: string[];
  /** Strings with few distinct values (statuses, ids of other records). */
  categorical: string[];
  booleans: string[];
  /** Lists of objects, with their elements' numeric and categorical fields. */
  lists: { field: string; numeric: string[]; categorical: string[]; id: string | null }[];
}

function kindsOf(records: Record<string, unknown>[], skip: (f: string) => boolean): Omit<FieldKinds, "pk" | "lists"> & { lists: string[] } {
  const out = { numeric: [] as string[], dates: [] as string[], categorical: [] as string[], booleans: [] as string[], lists: [] as string[] };
  const fields = [...new Set(records.flatMap((r) => Object.keys(r)))].sort();
  for (const f of fields) {
    if (skip(f)) continue;
    const values = records.map((r) => r[f]).filter((v) => v !== null && v !== undefined);
    if (!values.length) continue;
    if (values.every((v) => typeof v === "number")) out.numeric.push(f);
    else if (values.every((v) => typeof v === "boolean")) out.booleans.push(f);
    else if (values.every(isDateText)) out.dates.push(f);
    else if (values.every((v) => typeof v === "string" && v.length <= 40)) {
      const distinct = new Set(values).size;
      if (distinct >= 2 && distinct <= Math.max(6, values.length / 2)) out.categorical.push(f);
    } else if (values.every((v) => Array.isArray(v) && v.every((x) => x && typeof x === "object" && !Array.isArray(x)))) out.lists.push(f);
  }
  return out;
}

export function fieldKinds(db: Database, table: string): FieldKinds {
  const records = Object.values(db[table] ?? {});
  const pk = primaryKeyField(db, table);
  const top = kindsOf(records, (f) => f === pk);
  const lists = top.lists.map((field) => {
    const elements = records.flatMap((r) => (Array.isArray(r[field]) ? (r[field] as Record<string, unknown>[]) : []));
    const inner = kindsOf(elements, () => false);
    const id = Object.keys(elements[0] ?? {}).find((k) => k.endsWith("_id") && elements.every((e) => typeof e[k] === "string")) ?? null;
    return { field, numeric: inner.numeric, categorical: inner.categorical, id };
  });
  return { pk, numeric: top.numeric, dates: top.dates, categorical: top.categorical, booleans: top.booleans, lists: lists.filter((l) => l.numeric.length || l.categorical.length) };
}
