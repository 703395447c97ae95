import type { Database, DomainSpec, ToolSpec } from "@/lib/domain/schema";
import { primaryKeyField } from "../query/tables";

/**
 * A read tool as the planner sees it: which table it reads, which argument fills which field
 * (an equality in a filter's `where`, or a get's key), and which fields its output shows. A
 * filter also tells the agent the fields its `where` tests (a slot listed as open is open).
 */
export interface ReadTool {
  name: string;
  kind: "get" | "filter";
  table: string;
  binds: { arg: string; field: string }[];
  where: string | null;
  /** Shown fields; null = every field of the record. */
  fields: string[] | null;
  whereFields: string[];
}

export const isReadTool = (tool: ToolSpec) => tool.effect.kind === "get" || tool.effect.kind === "filter";

const EQ = /row\.([A-Za-z_]\w*)\s*==\s*args\.([A-Za-z_]\w*)|args\.([A-Za-z_]\w*)\s*==\s*row\.([A-Za-z_]\w*)/g;

/** The domain's read tools the planner can call; a tool whose arguments it cannot bind is left out. */
export function readTools(domain: Pick<DomainSpec, "tools" | "db">, db: Database = domain.db): ReadTool[] {
  const out: ReadTool[] = [];
  for (const tool of domain.tools) {
    const e = tool.effect;
    const required = ((tool.parameters as { required?: string[] }).required ?? Object.keys((tool.parameters as { properties?: object }).properties ?? {})) as string[];
    if (e.kind === "get") {
      const m = /^\s*args\.([A-Za-z_]\w*)\s*$/.exec(e.key);
      const pk = primaryKeyField(db, e.table);
      if (!m || !pk || required.some((a) => a !== m[1])) continue;
      out.push({ name: tool.name, kind: "get", table: e.table, binds: [{ arg: m[1], field: pk }], where: null, fields: e.fields ?? null, whereFields: [] });
    } else if (e.kind === "filter") {
      const binds: ReadTool["binds"] = [];
      for (const m of e.where.matchAll(EQ)) binds.push(m[1] ? { arg: m[2], field: m[1] } : { arg: m[3], field: m[4] });
      if (required.some((a) => !binds.some((b) => b.arg === a))) continue;
      const whereFields = [...new Set([...e.where.matchAll(/row\.([A-Za-z_]\w*)/g)].map((m) => m[1]))];
      out.push({ name: tool.name, kind: "filter", table: e.table, binds, where: e.where, fields: e.fields ?? null, whereFields });
    }
  }
  return out;
}
