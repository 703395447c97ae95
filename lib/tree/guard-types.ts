import type { Environment } from "@marcbachmann/cel-js";
import { celEnvironment } from "@/lib/cel";
import type { DomainSpec } from "@/lib/domain/schema";
import { DYN, recordTypeOf, schemaType, type CelType } from "./cel-types";

/**
 * CEL variable types for guards and argument bindings, from a domain:
 *   state   — the database: each table a map from primary key to its row record type;
 *   user    — the user facts the domain declares;
 *   outputs — the outputs of the tool calls earlier on the node's path, nothing else.
 * A failed tool call leaves `{error: "<message>"}` as its output, so every output type
 * carries an optional `error: string`.
 */
export type TreeDomainContext = Pick<DomainSpec, "tools" | "db" | "userFacts">;

/** An output visible to a node: stored under `key` (saveAs or tool name) by `tool`. */
export type VisibleOutput = { key: string; tool: string };

export type GuardVarTypes = { state: CelType; user: CelType; outputs: CelType };

const FACT_TYPES: Record<TreeDomainContext["userFacts"][number]["type"], CelType> = {
  string: { kind: "string" },
  number: { kind: "double" },
  boolean: { kind: "bool" },
  list: { kind: "list", of: DYN },
};

/** The output type of a tool call, with the `error` field a failed call leaves. */
export function toolOutputType(domain: TreeDomainContext, toolName: string): CelType {
  const tool = domain.tools.find((t) => t.name === toolName);
  const t = tool ? schemaType(tool.outputs) : DYN;
  if (t.kind === "record") return { kind: "record", fields: { ...t.fields, error: { kind: "string" } } };
  // A map<string, dyn> or dyn already admits `.error`; a scalar or list output cannot hold it.
  return t.kind === "map" && t.of.kind === "dyn" ? t : DYN;
}

export function stateType(domain: TreeDomainContext): CelType {
  const tables: Record<string, CelType> = {};
  for (const [table, rows] of Object.entries(domain.db)) tables[table] = { kind: "map", of: recordTypeOf(Object.values(rows)) };
  return { kind: "record", fields: tables };
}

export function userType(domain: TreeDomainContext): CelType {
  return { kind: "record", fields: Object.fromEntries(domain.userFacts.map((f) => [f.name, FACT_TYPES[f.type]])) };
}

/** Later calls with the same key overwrite earlier ones, as at runtime. */
export function outputsType(domain: TreeDomainContext, visible: VisibleOutput[]): CelType {
  return { kind: "record", fields: Object.fromEntries(visible.map(({ key, tool }) => [key, toolOutputType(domain, tool)])) };
}

export function guardVarTypes(domain: TreeDomainContext, visible: VisibleOutput[]): GuardVarTypes {
  return { state: stateType(domain), user: userType(domain), outputs: outputsType(domain, visible) };
}

type Decl = string | { [field: string]: Decl };

/** Converts a CelType to a cel-js declaration, registering named types where cel-js needs them. */
function declare(env: Environment, t: CelType, hint: string, counter: Counter): Decl {
  switch (t.kind) {
    case "list":
    case "map": {
      const inner = t.of.kind === "record" ? registerRecord(env, t.of, hint, counter) : declare(env, t.of, hint, counter);
      if (typeof inner !== "string") return t.kind === "list" ? "list<dyn>" : "map<string, dyn>";
      return t.kind === "list" ? `list<${inner}>` : `map<string, ${inner}>`;
    }
    case "record": {
      const schema: { [field: string]: Decl } = {};
      for (const [name, sub] of Object.entries(t.fields)) schema[name] = declare(env, sub, `${hint}_${name}`, counter);
      return schema;
    }
    case "null":
      return "dyn";
    default:
      return t.kind;
  }
}

/** Records inside lists and maps must be named types in cel-js. */
function registerRecord(env: Environment, t: CelType, hint: string, counter: Counter): string {
  const name = `T${counter.n++}_${hint.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const schema = declare(env, t, hint, counter);
  env.registerType({ name, schema: schema as never });
  return name;
}

/**
 * Operators the typed checker lacks but the runtime (all variables dyn) accepts: JSON numbers
 * are doubles, so `total == 3` and `x in [1, 2]` must pass; data fields may be null.
 */
function registerLenientOperators(env: Environment): void {
  env.registerOperator("double == int", (a: number, b: bigint) => a === Number(b));
  env.registerOperator("double in list<int>", (a: number, b: bigint[]) => b.some((x) => Number(x) === a));
  for (const t of ["string", "double", "bool", "int", "list", "map"]) {
    env.registerOperator(`${t} == null`, (a: unknown) => a === null);
  }
}

type Counter = { n: number };

function addVariable(env: Environment, name: string, t: CelType, counter: Counter): void {
  const decl = declare(env, t, name, counter);
  if (typeof decl === "string") env.registerVariable(name, decl as never);
  else env.registerVariable({ name, schema: decl as never });
}

/**
 * The typed environment without `outputs`: state and user are the same for every node, so a
 * checker builds this once and clones it per set of visible outputs (cloning is cheap).
 */
export function baseGuardEnvironment(types: Pick<GuardVarTypes, "state" | "user">, counter: Counter = { n: 0 }): Environment {
  const env = celEnvironment({});
  registerLenientOperators(env);
  addVariable(env, "state", types.state, counter);
  addVariable(env, "user", types.user, counter);
  return env;
}

/** Adds `outputs` to a clone of a base environment; `counter` keeps type names unique across both. */
export function withOutputs(base: Environment, outputs: CelType, counter: Counter): Environment {
  const env = base.clone();
  addVariable(env, "outputs", outputs, counter);
  return env;
}

/** A cel-js environment that type-checks expressions over the given variable types (null: all dyn). */
export function guardEnvironment(types: GuardVarTypes | null): Environment {
  if (!types) return celEnvironment({ state: "dyn", user: "dyn", outputs: "dyn" });
  const counter = { n: 0 };
  return withOutputs(baseGuardEnvironment(types, counter), types.outputs, counter);
}
