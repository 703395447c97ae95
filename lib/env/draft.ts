import type { Database } from "@/lib/domain/schema";

type Row = Record<string, unknown>;

/**
 * A copy-on-write view of a database for one tool call: the base is never mutated; a table
 * is copied (shallowly) on its first write and a record (deeply) on its first write, so a
 * call that touches one order copies one order, and untouched tables stay shared.
 */
export class DraftDb {
  /** The database as the call has left it so far; CEL reads it as `state`. */
  readonly current: Database;
  private readonly copiedTables = new Set<string>();
  private readonly copiedRows = new Set<string>();

  constructor(base: Database) {
    this.current = { ...base };
  }

  hasTable(table: string): boolean {
    return Object.hasOwn(this.current, table);
  }

  get(table: string, key: string): Row | undefined {
    const rows = this.current[table];
    return rows && Object.hasOwn(rows, key) ? rows[key] : undefined;
  }

  /** The record, copied if this call has not copied it yet: safe to mutate. */
  writable(table: string, key: string): Row | undefined {
    const row = this.get(table, key);
    if (!row) return undefined;
    const id = `${table}\u0000${key}`;
    if (this.copiedRows.has(id)) return row;
    const copy = structuredClone(row);
    this.tableForWrite(table)[key] = copy;
    this.copiedRows.add(id);
    return copy;
  }

  put(table: string, key: string, row: Row): void {
    this.tableForWrite(table)[key] = row;
    this.copiedRows.add(`${table}\u0000${key}`);
  }

  remove(table: string, key: string): void {
    delete this.tableForWrite(table)[key];
  }

  private tableForWrite(table: string): Record<string, Row> {
    if (!this.copiedTables.has(table)) {
      this.current[table] = { ...this.current[table] };
      this.copiedTables.add(table);
    }
    return this.current[table];
  }
}
