import { createHash } from "node:crypto";
import type { Database } from "@/lib/domain/schema";
import type { StateChange } from "./types";

/** Code-unit order: the same on every machine and locale (localeCompare is not). */
export const compareKeys = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === "object" && !Array.isArray(v);

/** JSON with object keys sorted at every level; `undefined` members are left out as JSON does. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  if (isPlainObject(value)) {
    const parts = Object.keys(value)
      .filter((k) => value[k] !== undefined)
      .sort(compareKeys)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`);
    return `{${parts.join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** sha256 (hex) of the canonical JSON: equal databases hash equal whatever their key order. */
export function hashState(db: Database): string {
  return createHash("sha256").update(canonicalJson(db)).digest("hex");
}

export const deepEqual = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Field-level differences inside one record: nested objects recurse, arrays and scalars compare whole. */
function diffFields(table: string, key: string, a: unknown, b: unknown, path: string, out: StateChange[]) {
  if (isPlainObject(a) && isPlainObject(b)) {
    const names = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareKeys);
    for (const name of names) diffFields(table, key, a[name], b[name], path ? `${path}.${name}` : name, out);
    return;
  }
  if (deepEqual(a, b)) return;
  const change: StateChange = { table, key, op: "update", field: path };
  if (a !== undefined) change.before = a;
  if (b !== undefined) change.after = b;
  out.push(change);
}

/** What changed from `a` to `b`, sorted by table, key, then field. */
export function diffStates(a: Database, b: Database): StateChange[] {
  const out: StateChange[] = [];
  const tables = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareKeys);
  for (const table of tables) {
    const ta = a[table] ?? {};
    const tb = b[table] ?? {};
    if (ta === tb) continue; // copy-on-write leaves untouched tables shared
    const keys = [...new Set([...Object.keys(ta), ...Object.keys(tb)])].sort(compareKeys);
    for (const key of keys) {
      const ra = ta[key];
      const rb = tb[key];
      if (ra === rb) continue;
      if (ra === undefined) out.push({ table, key, op: "insert", after: rb });
      else if (rb === undefined) out.push({ table, key, op: "delete", before: ra });
      else diffFields(table, key, ra, rb, "", out);
    }
  }
  return out;
}
