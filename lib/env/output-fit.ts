import type { Database, ToolSpec } from "@/lib/domain/schema";
import { checkAgainstSchema, formatProblems, schemaError } from "./json-schema";
import { project } from "./effect-failure";

/** A finding about a tool's `outputs` schema, addressed inside the tool ("outputs.properties.status"). */
export interface OutputIssue {
  path: string;
  message: string;
}

type Schema = Record<string, unknown>;
const MAX_RECORD_ISSUES = 3;

const asSchema = (v: unknown): Schema | null => (v && typeof v === "object" && !Array.isArray(v) ? (v as Schema) : null);

/** The fields some record of the table has, after projection. */
function fieldsReturned(rows: Record<string, Record<string, unknown>>, fields: string[] | undefined): Set<string> {
  const names = new Set<string>();
  for (const row of Object.values(rows)) for (const f of Object.keys(project(row, fields))) names.add(f);
  return names;
}

/**
 * Can the records this tool returns fit its `outputs`? For get/filter: every declared property
 * must be a field the (projected) records have, and every record must validate. For write without
 * `returns` and for transfer, the fixed output must validate.
 */
export function outputIssues(tool: ToolSpec, db: Database): OutputIssue[] {
  const outputs = tool.outputs;
  if (!outputs || schemaError(outputs)) return []; // a broken schema is reported on its own
  const effect = tool.effect;
  if (effect.kind === "write") return effect.returns ? [] : fixedOutputIssues(outputs, { success: true }, "the default write output");
  if (effect.kind === "transfer") return fixedOutputIssues(outputs, { transferred: true }, "the transfer output");
  const rows = db[effect.table];
  if (!rows) return []; // the unknown table is reported on its own
  if (effect.kind === "get") return recordIssues(outputs, "outputs", effect.table, rows, effect.fields);
  const listKey = effect.as ?? "items";
  const props = asSchema(outputs.properties);
  if (!props) return [];
  if (!props[listKey]) return [{ path: "outputs.properties", message: `the filter returns {${listKey}: [...]}, but outputs declares no '${listKey}'` }];
  const itemSchema = asSchema(asSchema(props[listKey])?.items);
  return itemSchema ? recordIssues(itemSchema, `outputs.properties.${listKey}.items`, effect.table, rows, effect.fields) : [];
}

function fixedOutputIssues(outputs: Schema, output: unknown, what: string): OutputIssue[] {
  const problems = checkAgainstSchema(outputs, output);
  return problems.length ? [{ path: "outputs", message: `${what} ${JSON.stringify(output)} does not fit: ${formatProblems(problems)}` }] : [];
}

function recordIssues(schema: Schema, path: string, table: string, rows: Record<string, Record<string, unknown>>, fields: string[] | undefined): OutputIssue[] {
  const issues: OutputIssue[] = [];
  const keys = Object.keys(rows);
  const props = asSchema(schema.properties);
  if (props && keys.length) {
    const returned = fieldsReturned(rows, fields);
    const list = [...returned].join(", ") || "none";
    for (const name of Object.keys(props))
      if (!returned.has(name)) issues.push({ path: `${path}.properties.${name}`, message: `no record returns '${name}' (fields returned: ${list})` });
  }
  let bad = 0;
  for (const key of keys) {
    const problems = checkAgainstSchema(schema, project(rows[key], fields));
    if (!problems.length) continue;
    if (++bad > MAX_RECORD_ISSUES) break;
    issues.push({ path, message: `${table} ${key} does not fit: ${formatProblems(problems)}` });
  }
  return issues;
}
