import type { Database, DomainSpec, EffectStep, ToolSpec } from "@/lib/domain/schema";
import { celProblems, type CelScope } from "./cel-check";
import { schemaError } from "./json-schema";
import { outputIssues } from "./output-fit";

/** A problem in a domain spec: which tool (null: the domain as a whole), where inside it, what. */
export interface SpecIssue {
  tool: string | null;
  path: string;
  message: string;
}

const RESERVED = new Set(["args", "state", "rec"]);

/** Every problem found in the domain's tools, in tool order; [] when the spec is sound. */
export function checkDomainSpec(domain: Pick<DomainSpec, "tools" | "db">): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const seen = new Set<string>();
  domain.tools.forEach((tool, i) => {
    if (seen.has(tool.name)) issues.push({ tool: tool.name, path: `tools[${i}].name`, message: `tool name ${tool.name} is used twice` });
    seen.add(tool.name);
    for (const { path, message } of toolIssues(tool, domain.db)) issues.push({ tool: tool.name, path, message });
  });
  return issues;
}

type Found = { path: string; message: string };

function toolIssues(tool: ToolSpec, db: Database): Found[] {
  const found: Found[] = [];
  const params = tool.parameters;
  if (params.type !== "object") found.push({ path: "parameters.type", message: `parameters must be an object schema (type "object"), got ${JSON.stringify(params.type)}` });
  const paramErr = schemaError(params);
  if (paramErr) found.push({ path: "parameters", message: paramErr });
  const props = params.properties && typeof params.properties === "object" ? Object.keys(params.properties) : null;
  if (Array.isArray(params.required))
    params.required.forEach((name, i) => {
      if (props && !props.includes(String(name))) found.push({ path: `parameters.required[${i}]`, message: `required parameter '${name}' is not among the properties` });
    });
  if (tool.outputs) {
    const outErr = schemaError(tool.outputs);
    if (outErr) found.push({ path: "outputs", message: outErr });
  }
  found.push(...effectIssues(tool, db, props));
  found.push(...outputIssues(tool, db));
  return found;
}

function effectIssues(tool: ToolSpec, db: Database, params: string[] | null): Found[] {
  const found: Found[] = [];
  const effect = tool.effect;
  const cel = (expr: string, path: string, names: string[], reads: string[] | null) => {
    const scope: CelScope = { names, params, reads };
    for (const message of celProblems(expr, scope)) found.push({ path, message });
  };
  const table = (name: string, path: string) => {
    if (!Object.hasOwn(db, name)) found.push({ path, message: `table '${name}' is not in the database (tables: ${Object.keys(db).join(", ") || "none"})` });
  };
  const fields = (tableName: string, list: string[] | undefined, path: string) => {
    const rows = Object.values(db[tableName] ?? {});
    if (!list || !rows.length) return;
    const known = new Set(rows.flatMap((r) => Object.keys(r)));
    list.forEach((f, i) => {
      if (!known.has(f)) found.push({ path: `${path}[${i}]`, message: `'${f}' is not a field of ${tableName} records (fields: ${[...known].join(", ")})` });
    });
  };
  switch (effect.kind) {
    case "get":
      table(effect.table, "effect.table");
      cel(effect.key, "effect.key", ["args", "state"], null);
      fields(effect.table, effect.fields, "effect.fields");
      break;
    case "filter":
      table(effect.table, "effect.table");
      cel(effect.where, "effect.where", ["row", "args", "state"], null);
      fields(effect.table, effect.fields, "effect.fields");
      break;
    case "write": {
      const reads: string[] = [];
      (effect.reads ?? []).forEach((read, i) => {
        table(read.table, `effect.reads[${i}].table`);
        cel(read.key, `effect.reads[${i}].key`, ["args", "state", "rec"], [...reads]);
        if (reads.includes(read.name)) found.push({ path: `effect.reads[${i}].name`, message: `rec.${read.name} is read twice` });
        reads.push(read.name);
      });
      const base = ["args", "state", "rec"];
      (effect.preconditions ?? []).forEach((p, i) => cel(p.check, `effect.preconditions[${i}].check`, base, reads));
      const locals = walkSteps(effect.steps, "effect.steps", [], { cel: (e, p, names) => cel(e, p, [...base, ...names], reads), table, found });
      if (effect.returns) cel(effect.returns, "effect.returns", [...base, ...locals], reads);
      break;
    }
    case "transfer":
      break;
  }
  return found;
}

interface StepCheck {
  cel: (expr: string, path: string, locals: string[]) => void;
  table: (name: string, path: string) => void;
  found: Found[];
}

/** Checks a block with the let / forEach names in scope; returns the names the block defines. */
function walkSteps(steps: EffectStep[], base: string, outer: string[], check: StepCheck): string[] {
  let locals = outer;
  steps.forEach((step, i) => {
    const at = `${base}[${i}]`;
    const bind = (name: string, path: string) => {
      if (RESERVED.has(name)) check.found.push({ path, message: `'${name}' is reserved and cannot name a variable` });
    };
    switch (step.op) {
      case "let":
        check.cel(step.value, `${at}.value`, locals);
        bind(step.name, `${at}.name`);
        locals = [...new Set([...locals, step.name])];
        return;
      case "forEach":
        check.cel(step.over, `${at}.over`, locals);
        bind(step.as, `${at}.as`);
        walkSteps(step.steps, `${at}.steps`, [...new Set([...locals, step.as])], check);
        return;
      case "if":
        check.cel(step.cond, `${at}.cond`, locals);
        walkSteps(step.steps, `${at}.steps`, locals, check);
        if (step.else) walkSteps(step.else, `${at}.else`, locals, check);
        return;
      default:
        check.table(step.table, `${at}.table`);
        check.cel(step.key, `${at}.key`, locals);
        if ("value" in step) check.cel(step.value, `${at}.value`, locals);
        if (step.op === "increment") check.cel(step.by, `${at}.by`, locals);
        if ("field" in step && step.field.split(".").some((s) => !s))
          check.found.push({ path: `${at}.field`, message: `field path '${step.field}' has an empty segment` });
    }
  });
  return locals;
}
