import type { Database, ToolSpec } from "@/lib/domain/schema";
import { checkAgainstSchema, formatProblems, runEffect, type ToolCall, type ToolResult } from "@/lib/env";

export type Stepper = (db: Database, call: ToolCall) => { result: ToolResult; db: Database };

/**
 * The search walks a path hundreds of times per branch, and Environment.reset deep-copies and
 * freezes the whole database on every walk. This stepper answers calls the way
 * Environment.step does (argument schema, declarative effect, output schema; a failing call
 * changes nothing) on a database it never mutates, so walks can share one. Every case is still
 * produced and proven through the real Environment and runTree; this only speeds the search.
 */
export function makeStepper(tools: ToolSpec[]): Stepper {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return (db, call) => {
    const tool = byName.get(call.name);
    if (!tool) return { result: { ok: false, error: `unknown tool ${call.name}` }, db };
    const problems = checkAgainstSchema(closed(tool.parameters), call.arguments);
    if (problems.length) return { result: { ok: false, error: `invalid arguments for ${tool.name}: ${formatProblems(problems)}` }, db };
    const run = runEffect(tool, structuredClone(call.arguments), db);
    if (run.result.ok && tool.outputs) {
      const outProblems = checkAgainstSchema(tool.outputs, run.result.output);
      if (outProblems.length) return { result: { ok: false, error: `output of ${tool.name} breaks its schema: ${formatProblems(outProblems)}` }, db };
    }
    return run.result.ok ? run : { result: run.result, db };
  };
}

/** As Environment does: an argument the tool does not declare is an error unless the schema allows it. */
function closed(schema: Record<string, unknown>): Record<string, unknown> {
  return schema.properties && schema.additionalProperties === undefined ? { ...schema, additionalProperties: false } : schema;
}
