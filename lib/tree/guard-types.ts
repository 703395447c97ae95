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

export function guardVarTypes(domain: TreeDomainContext, visible: VisibleOutput[]): GuardVarTypes {
  const tables: Record<string, CelType> = {};
  for (const [table, rows] of Object.entries(domain.db)) {
    tables[table] = { kind: "map", of: recordTypeOf(Object.values(rows)) };
  }
  const user: Record<string, CelType> = {};
  for (const fact of domain.userFacts) user[fact.name] = FACT_TYPES[fact.type];
  const outputs: Record<string, CelType> = {};
  for (const { key, tool } of visible) outputs[key] = toolOutputType(domain, tool); // later calls overwrite
  return {
    state: { kind: "record", fields: tables },
    user: { kind: "record", fields: user },
    outputs: { kind: "record", fields: outputs },
  };
}

type Decl = string | { [field: string]: Decl };

/** Converts a CelType to a cel-js declaration, registering named types where cel-js needs them. */
function declare(env: Environment, t: CelType, hint: string, counter: { n: number }): Decl {
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
function registerRecord(env: Environment, t: CelType, hint: string, counter: { n: number }): string {
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

/** A cel-js environment that type-checks expressions over the given variable types. */
export function guardEnvironment(types: GuardVarTypes | null): Environment {
  if (!types) return celEnvironment({ state: "dyn", user: "dyn", outputs: "dyn" });
  const env = celEnvironment({});
  registerLenientOperators(env);
  const counter = { n: 0 };
  for (const [name, t] of Object.entries(types) as [string, CelType][]) {
    const decl = declare(env, t, name, counter);
    if (typeof decl === "string") env.registerVariable(name, decl as never);
    else env.registerVariable({ name, schema: decl as never });
  }
  return env;
}
