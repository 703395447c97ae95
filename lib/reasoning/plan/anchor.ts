import type { Database } from "@/lib/domain/schema";
import { guardHolds } from "@/lib/cel";
import { primaryKeyField } from "../query/tables";
import type { Fact } from "./plan";
import type { ReadTool } from "./read-tools";

/** How a statement names its anchor record: the facts it states and the tool they fit. */
export interface AnchorIdentity {
  facts: Fact[];
  /** The read tool the facts identify the record with (null: only its id is given). */
  tool: string | null;
}

const isScalar = (v: unknown): v is string | number => typeof v === "string" || typeof v === "number";

/**
 * The facts that identify a record the way the domain's users identify themselves: a lookup
 * tool on its table whose arguments the record fills and that finds exactly this record (a
 * customer by email, a patient by email and date of birth); else a get by id; else its id alone.
 */
export function anchorIdentity(tools: ReadTool[], db: Database, anchor: { table: string; key: string }): AnchorIdentity {
  const rows = db[anchor.table] ?? {};
  const rec = rows[anchor.key];
  const pk = primaryKeyField(db, anchor.table);
  if (rec) {
    for (const tool of tools) {
      if (tool.table !== anchor.table || tool.kind !== "filter") continue;
      if (!tool.binds.every((b) => isScalar(rec[b.field]))) continue;
      const args = Object.fromEntries(tool.binds.map((b) => [b.arg, rec[b.field]]));
      const found = Object.keys(rows).filter((k) => guardHolds(tool.where!, { row: rows[k], args, state: db }));
      if (found.length === 1 && found[0] === anchor.key) return { facts: tool.binds.map((b) => ({ field: b.field, value: rec[b.field] as string | number })), tool: tool.name };
    }
    const get = tools.find((t) => t.table === anchor.table && t.kind === "get");
    if (get && pk) return { facts: [{ field: pk, value: anchor.key }], tool: get.name };
  }
  return { facts: [{ field: pk ?? "id", value: anchor.key }], tool: null };
}
