import type { EffectStep, ToolEffect } from "@/lib/domain/schema";
import type { DraftDb } from "./draft";
import { Refusal, SpecBug, evaluate, evaluateKey, requireTable, tidy } from "./effect-failure";
import { deepEqual } from "./state";

type WriteEffect = Extract<ToolEffect, { kind: "write" }>;
type Row = Record<string, unknown>;
/** let / forEach names visible in a block. */
type Locals = Record<string, unknown>;

const RESERVED = new Set(["args", "state", "rec"]);

interface Ctx {
  args: Record<string, unknown>;
  rec: Record<string, unknown>;
  draft: DraftDb;
}

const varsOf = (ctx: Ctx, locals: Locals) => ({ ...locals, args: ctx.args, state: ctx.draft.current, rec: ctx.rec });

/**
 * Runs a write effect against the draft: reads → preconditions → steps → returns.
 * Throws Refusal (the agent's error result) or SpecBug; the caller discards the draft on either.
 */
export function runWrite(effect: WriteEffect, args: Record<string, unknown>, draft: DraftDb): unknown {
  const ctx: Ctx = { args, rec: {}, draft };
  (effect.reads ?? []).forEach((read, i) => {
    const where = `reads[${i}] (${read.name})`;
    requireTable(draft.hasTable(read.table), read.table, where);
    const key = evaluateKey(read.key, varsOf(ctx, {}), where);
    const row = draft.get(read.table, key);
    if (!row) throw new Refusal(read.notFound ?? `${read.table} ${key} not found`);
    ctx.rec[read.name] = row;
  });
  (effect.preconditions ?? []).forEach((pre, i) => {
    const holds = evaluate(pre.check, varsOf(ctx, {}), `preconditions[${i}]`);
    if (typeof holds !== "boolean")
      throw new SpecBug(`preconditions[${i}]`, `\`${pre.check}\` gave ${JSON.stringify(holds)}, not a boolean`);
    if (!holds) throw new Refusal(pre.error);
  });
  const locals = runSteps(effect.steps, ctx, {}, "steps");
  if (!effect.returns) return { success: true };
  return tidy(evaluate(effect.returns, varsOf(ctx, locals), "returns"));
}

/** Runs a block; returns the block's locals after its last `let`. */
function runSteps(steps: EffectStep[], ctx: Ctx, outer: Locals, base: string): Locals {
  let locals = outer;
  steps.forEach((step, i) => {
    locals = runStep(step, ctx, locals, `${base}[${i}] (${step.op})`);
  });
  return locals;
}

function runStep(step: EffectStep, ctx: Ctx, locals: Locals, where: string): Locals {
  const vars = varsOf(ctx, locals);
  switch (step.op) {
    case "let":
      if (RESERVED.has(step.name)) throw new SpecBug(where, `'${step.name}' is reserved`);
      return { ...locals, [step.name]: evaluate(step.value, vars, where) };
    case "forEach": {
      if (RESERVED.has(step.as)) throw new SpecBug(where, `'${step.as}' is reserved`);
      const list = evaluate(step.over, vars, where);
      if (!Array.isArray(list)) throw new SpecBug(where, `\`${step.over}\` gave ${JSON.stringify(list)}, not a list`);
      for (const item of list) runSteps(step.steps, ctx, { ...locals, [step.as]: item }, `${where}.steps`);
      return locals;
    }
    case "if": {
      const cond = evaluate(step.cond, vars, where);
      if (typeof cond !== "boolean") throw new SpecBug(where, `\`${step.cond}\` gave ${JSON.stringify(cond)}, not a boolean`);
      if (cond) runSteps(step.steps, ctx, locals, `${where}.steps`);
      else if (step.else) runSteps(step.else, ctx, locals, `${where}.else`);
      return locals;
    }
    case "insert": {
      requireTable(ctx.draft.hasTable(step.table), step.table, where);
      const key = evaluateKey(step.key, vars, where);
      if (ctx.draft.get(step.table, key)) throw new Refusal(`${step.table} ${key} already exists`);
      const value = tidy(evaluate(step.value, vars, where));
      if (!value || typeof value !== "object" || Array.isArray(value))
        throw new SpecBug(where, `\`${step.value}\` gave ${JSON.stringify(value)}, not a record`);
      ctx.draft.put(step.table, key, value as Row);
      return locals;
    }
    case "delete": {
      requireTable(ctx.draft.hasTable(step.table), step.table, where);
      const key = evaluateKey(step.key, vars, where);
      if (!ctx.draft.get(step.table, key)) throw new Refusal(`${step.table} ${key} not found`);
      ctx.draft.remove(step.table, key);
      return locals;
    }
    default:
      runFieldStep(step, ctx, vars, where);
      return locals;
  }
}

type FieldStep = Extract<EffectStep, { op: "set" | "increment" | "append" | "remove" }>;

/** set / increment / append / remove: one field (a dotted path) of one record. */
function runFieldStep(step: FieldStep, ctx: Ctx, vars: Record<string, unknown>, where: string): void {
  requireTable(ctx.draft.hasTable(step.table), step.table, where);
  const key = evaluateKey(step.key, vars, where);
  const row = ctx.draft.writable(step.table, key);
  if (!row) throw new Refusal(`${step.table} ${key} not found`);
  const at = `${step.table} ${key}.${step.field}`;
  const { parent, name } = locate(row, step.field, where);
  const current = parent[name];
  switch (step.op) {
    case "set":
      parent[name] = tidy(evaluate(step.value, vars, where));
      return;
    case "increment": {
      const by = evaluate(step.by, vars, where);
      if (typeof by !== "number") throw new SpecBug(where, `\`${step.by}\` gave ${JSON.stringify(by)}, not a number`);
      if (current !== undefined && current !== null && typeof current !== "number")
        throw new SpecBug(where, `${at} is ${JSON.stringify(current)}, not a number`);
      parent[name] = tidy(((current as number | undefined) ?? 0) + by);
      return;
    }
    case "append": {
      if (current !== undefined && !Array.isArray(current)) throw new SpecBug(where, `${at} is not a list`);
      parent[name] = [...((current as unknown[]) ?? []), tidy(evaluate(step.value, vars, where))];
      return;
    }
    case "remove": {
      if (!Array.isArray(current)) throw new SpecBug(where, `${at} is not a list`);
      const value = evaluate(step.value, vars, where);
      const index = current.findIndex((item) => deepEqual(item, value));
      if (index < 0) throw new Refusal(`${JSON.stringify(value)} is not in ${at}`);
      parent[name] = current.filter((_, i) => i !== index);
      return;
    }
  }
}

/** The object holding the last segment of a dotted path; missing intermediate objects are created. */
function locate(row: Row, field: string, where: string): { parent: Row; name: string } {
  const parts = field.split(".");
  if (parts.some((p) => !p)) throw new SpecBug(where, `field path '${field}' has an empty segment`);
  let parent = row;
  for (const part of parts.slice(0, -1)) {
    const next = parent[part];
    if (next === undefined || next === null) parent = parent[part] = {};
    else if (typeof next === "object" && !Array.isArray(next)) parent = next as Row;
    else throw new SpecBug(where, `field path '${field}': '${part}' is not an object`);
  }
  return { parent, name: parts[parts.length - 1] };
}
