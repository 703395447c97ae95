import { evalCel, type CelVars } from "@/lib/cel";

/** The call cannot go ahead for a reason the agent should hear ("Order is not pending"). */
export class Refusal extends Error {}

/** The tool spec itself is wrong (unknown table, CEL that cannot evaluate): a bug to fix in the domain. */
export class SpecBug extends Error {
  constructor(
    readonly where: string,
    detail: string,
  ) {
    super(detail);
  }
}

/** The error text of a spec bug, naming the tool and the place in its effect. */
export const specBugMessage = (tool: string, bug: SpecBug): string =>
  `spec error in tool ${tool} at ${bug.where}: ${bug.message}`;

/** Evaluates CEL for an effect; a failure is the spec's fault and says where. */
export function evaluate(expr: string, vars: CelVars, where: string): unknown {
  try {
    return evalCel(expr, vars);
  } catch (e) {
    throw new SpecBug(where, `\`${expr}\` does not evaluate: ${(e as Error).message}`);
  }
}

/** A record key from CEL: strings as they are, numbers as their decimal text. */
export function evaluateKey(expr: string, vars: CelVars, where: string): string {
  const key = evaluate(expr, vars, where);
  if (typeof key === "string") return key;
  if (typeof key === "number" && Number.isFinite(key)) return String(key);
  throw new SpecBug(where, `key \`${expr}\` gave ${JSON.stringify(key)}, not a string or number`);
}

export function requireTable(hasTable: boolean, table: string, where: string): void {
  if (!hasTable) throw new SpecBug(where, `table '${table}' is not in the database`);
}

/** Keeps the listed fields (those the record has), in the listed order. */
export function project(row: Record<string, unknown>, fields: string[] | undefined): Record<string, unknown> {
  if (!fields) return structuredClone(row);
  const out: Record<string, unknown> = {};
  for (const f of fields) if (Object.hasOwn(row, f)) out[f] = structuredClone(row[f]);
  return out;
}

/** Strips binary floating-point noise (0.1 + 0.2 → 0.3) from numbers a write stores or returns. */
export function tidy(value: unknown): unknown {
  if (typeof value === "number") return Number.isInteger(value) || !Number.isFinite(value) ? value : parseFloat(value.toPrecision(15));
  if (Array.isArray(value)) return value.map(tidy);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(v)]));
  return value;
}
