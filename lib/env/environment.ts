import type { Database, DomainSpec, ToolSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import { runEffect } from "./effects";
import { checkAgainstSchema, formatProblems } from "./json-schema";
import { diffStates, hashState } from "./state";
import { fail, type CallRecord, type StateChange, type ToolCall, type ToolResult } from "./types";

/** Freezes what is not frozen yet; copy-on-write keeps unchanged parts frozen, so this walks only new objects. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * One domain's tools over one JSON database: `reset`, `step`, `state`, `hash`, `diff`.
 * Deterministic (same database and calls → same results and hashes). Every failure of a call is
 * an error result, never a throw. The state it hands out is frozen: read it, never write it.
 */
export class Environment {
  private readonly tools = new Map<string, ToolSpec>();
  private readonly seed: Database;
  private initial!: Database;
  private db!: Database;
  private calls: CallRecord[] = [];

  constructor(domain: Pick<DomainSpec, "tools" | "db">) {
    for (const tool of domain.tools) {
      if (this.tools.has(tool.name)) throw new DomainError("invalid", `tool ${tool.name} is declared twice`);
      this.tools.set(tool.name, tool);
    }
    this.seed = deepFreeze(structuredClone(domain.db));
    this.reset();
  }

  /** Starts an episode on `db` (default: the domain's own database); clears the call log. */
  reset(db?: Database): Database {
    this.initial = db ? deepFreeze(structuredClone(db)) : this.seed;
    this.db = this.initial;
    this.calls = [];
    return this.db;
  }

  /** The tool specs, in declaration order. */
  toolSpecs(): ToolSpec[] {
    return [...this.tools.values()];
  }

  step(call: ToolCall): ToolResult {
    const result = this.answer(call);
    this.calls.push({ name: call.name, arguments: structuredClone(call.arguments ?? {}), result });
    return result;
  }

  private answer(call: ToolCall): ToolResult {
    const tool = this.tools.get(call.name);
    if (!tool) return fail(`unknown tool ${call.name}; available: ${[...this.tools.keys()].join(", ")}`);
    const args = call.arguments;
    if (!args || typeof args !== "object" || Array.isArray(args)) return fail(`arguments of ${tool.name} must be an object`);
    const argProblems = checkAgainstSchema(closedParameters(tool.parameters), args);
    if (argProblems.length) return fail(`invalid arguments for ${tool.name}: ${formatProblems(argProblems)}`);
    const { result, db } = runEffect(tool, structuredClone(args), this.db);
    if (result.ok && tool.outputs) {
      const outProblems = checkAgainstSchema(tool.outputs, result.output);
      // the effect ran but its output breaks the declared schema: the spec is wrong, so keep nothing
      if (outProblems.length)
        return fail(`spec error in tool ${tool.name}: output does not match its outputs schema: ${formatProblems(outProblems)}`);
    }
    if (result.ok) this.db = deepFreeze(db);
    return result;
  }

  /** The current database (frozen). */
  state(): Database {
    return this.db;
  }

  hash(): string {
    return hashState(this.db);
  }

  /** Changes from `a` (default: the database at reset) to `b` (default: now). */
  diff(a: Database = this.initial, b: Database = this.db): StateChange[] {
    return diffStates(a, b);
  }

  /** Every call since reset, in order, with its result. */
  log(): readonly CallRecord[] {
    return this.calls;
  }
}

/** Agents call functions: an argument the tool does not declare is an error unless the schema says otherwise. */
function closedParameters(schema: Record<string, unknown>): Record<string, unknown> {
  if (schema.properties && schema.additionalProperties === undefined) return { ...schema, additionalProperties: false };
  return schema;
}
