import { Environment } from "@marcbachmann/cel-js";

/**
 * CEL as the studio uses it: guards, argument bindings and tool effects.
 *
 * JSON numbers reach CEL as doubles while literals like `1` are ints, and CEL has no mixed
 * arithmetic (`total + 1` is "no such overload"). We register the mixed operators so curators
 * can write natural expressions, and turn int results (BigInt) back into JS numbers.
 */
export type CelVars = Record<string, unknown>;

export class CelError extends Error {
  constructor(
    public readonly kind: "parse" | "type" | "eval",
    message: string,
    public readonly expr: string,
  ) {
    super(message);
    this.name = "CelError";
  }
}

type VarTypes = Record<string, string | { schema: Record<string, unknown> }>;

const MIXED: Record<string, (a: number, b: number) => number> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};

/** A CEL environment with the given variables declared (others are rejected). */
export function celEnvironment(vars: VarTypes): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: false });
  for (const [name, type] of Object.entries(vars)) env.registerVariable(name, type as never);
  for (const [op, fn] of Object.entries(MIXED)) {
    env.registerOperator(`double ${op} int`, (a: number, b: bigint) => fn(a, Number(b)));
    env.registerOperator(`int ${op} double`, (a: bigint, b: number) => fn(Number(a), b));
  }
  return env;
}

/** First line of a cel-js message (the rest is a source excerpt with a caret). */
export function firstLine(message: string): string {
  return message.split("\n")[0].trim();
}

/** Converts CEL results to plain JSON values: BigInt → number, Map → object. */
export function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toPlain(v)]));
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
    return out;
  }
  return value;
}

const cache = new Map<string, Environment>();
function envFor(names: string[]): Environment {
  const key = names.slice().sort().join(",");
  let env = cache.get(key);
  if (!env) {
    env = celEnvironment(Object.fromEntries(names.map((n) => [n, "dyn"])));
    cache.set(key, env);
  }
  return env;
}

const compiled = new Map<string, (vars: CelVars) => unknown>();

/** Evaluates `expr` over `vars` (all dyn). Throws CelError with a one-line message. */
export function evalCel(expr: string, vars: CelVars): unknown {
  const names = Object.keys(vars);
  const key = names.slice().sort().join(",") + "\u0000" + expr;
  let fn = compiled.get(key);
  if (!fn) {
    try {
      fn = envFor(names).parse(expr) as unknown as (vars: CelVars) => unknown;
    } catch (e) {
      throw new CelError("parse", firstLine((e as Error).message), expr);
    }
    if (compiled.size > 5000) compiled.clear();
    compiled.set(key, fn);
  }
  try {
    return toPlain(fn(vars));
  } catch (e) {
    throw new CelError("eval", firstLine((e as Error).message), expr);
  }
}

/** Evaluates a guard; anything but `true` is false. Errors (a missing key) count as not holding. */
export function guardHolds(expr: string | undefined, vars: CelVars): boolean {
  if (!expr || !expr.trim()) return true;
  try {
    return evalCel(expr, vars) === true;
  } catch (e) {
    if (e instanceof CelError && e.kind === "eval") return false;
    throw e;
  }
}

/** Parse-only check: null when the expression parses, else the one-line message. */
export function parseError(expr: string, varNames: string[]): string | null {
  try {
    envFor(varNames).parse(expr);
    return null;
  } catch (e) {
    return firstLine((e as Error).message);
  }
}
