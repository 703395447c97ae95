import type { Database } from "@/lib/domain/schema";

const pkCache = new WeakMap<object, Map<string, string | null>>();

/**
 * The field that holds each record's own key ("order_id" in orders), found from the data: the
 * one field equal to the key in every record. Null when no field is.
 */
export function primaryKeyField(db: Database, table: string): string | null {
  const rows = db[table];
  if (!rows) return null;
  let cache = pkCache.get(rows);
  if (!cache) pkCache.set(rows, (cache = new Map()));
  if (cache.has(table)) return cache.get(table)!;
  const entries = Object.entries(rows);
  let found: string | null = null;
  if (entries.length) {
    const [firstKey, first] = entries[0];
    for (const field of Object.keys(first)) {
      if (first[field] === firstKey && entries.every(([k, r]) => r[field] === k)) {
        found = field;
        break;
      }
    }
  }
  cache.set(table, found);
  return found;
}

/** Tables whose records point at `table` through a field named after its primary key. */
export function childTables(db: Database, table: string): { table: string; fk: string }[] {
  const pk = primaryKeyField(db, table);
  if (!pk) return [];
  return Object.keys(db)
    .filter((t) => t !== table)
    .filter((t) => Object.values(db[t]).some((r) => Object.hasOwn(r, pk)))
    .map((t) => ({ table: t, fk: pk }));
}

/** Fields of `table` that hold another table's key: join targets. */
export function foreignKeys(db: Database, table: string): { field: string; table: string }[] {
  const sample = Object.values(db[table] ?? {})[0];
  if (!sample) return [];
  const out: { field: string; table: string }[] = [];
  for (const other of Object.keys(db)) {
    if (other === table) continue;
    const pk = primaryKeyField(db, other);
    if (pk && Object.hasOwn(sample, pk) && pk !== primaryKeyField(db, table)) out.push({ field: pk, table: other });
  }
  return out;
}

/** The database with a problem's records added or replaced (a fresh object; the input stays as it was). */
export function patchDatabase(db: Database, patch: { table: string; key: string; record: Record<string, unknown> }[]): Database {
  if (!patch.length) return db;
  const out: Database = { ...db };
  for (const p of patch) out[p.table] = { ...(out[p.table] ?? {}), [p.key]: p.record };
  return out;
}
