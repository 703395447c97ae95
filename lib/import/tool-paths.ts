import type { PathStep } from "@/lib/cases/schema";
import { callKey, formatCall } from "./call-key";
import type { ToolPaths } from "./schema";

export type PathsRead =
  | {
      ok: true;
      paths: ToolPaths;
      warnings: string[];
      /** Keys the TestCase has no place for, by where they were ("hack_path[1]", or "" for the top level). */
      ignored: Record<string, Record<string, unknown>>;
    }
  | { ok: false; reason: string };

const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const FIELD = "tool_return_expected";
const PATHS = ["normal_path", "hack_path"] as const;
const STEP_KEYS = ["tool_name", "input", "expected_output"];

const others = (value: Record<string, unknown>, known: readonly string[]) =>
  Object.fromEntries(Object.entries(value).filter(([k]) => !known.includes(k)));

function readStep(value: unknown, where: string): PathStep | string {
  if (!isObject(value)) return `${where} is not an object`;
  if (typeof value.tool_name !== "string" || !value.tool_name.trim()) return `${where} has no tool_name`;
  if (!("input" in value)) return `${where} (${value.tool_name}) has no input`;
  if (!isObject(value.input)) return `${where} (${value.tool_name}) has an input that is not an object`;
  if (!("expected_output" in value)) return `${where} (${value.tool_name}) has no expected_output`;
  return { tool_name: value.tool_name, input: value.input, expected_output: value.expected_output };
}

/**
 * Validates the paper's `tool_return_expected` (an object, or the JSON string the parquet
 * converter makes of it). Steps naming undeclared tools, and a path repeating a call with a
 * different output, import with a warning: the replay proof will then fail and say why.
 */
export function readToolPaths(value: unknown, toolNames: readonly string[]): PathsRead {
  let paths = value;
  if (typeof paths === "string") {
    try {
      paths = JSON.parse(paths);
    } catch (e) {
      return { ok: false, reason: `${FIELD} is a string but not JSON: ${(e as Error).message}` };
    }
  }
  if (!isObject(paths)) return { ok: false, reason: `${FIELD} is not an object` };
  const out: ToolPaths = { normal_path: [], hack_path: [] };
  const warnings: string[] = [];
  const ignored: Record<string, Record<string, unknown>> = {};
  for (const name of PATHS) {
    const steps = paths[name];
    if (steps === undefined) return { ok: false, reason: `${FIELD}.${name} is missing` };
    if (!Array.isArray(steps)) return { ok: false, reason: `${FIELD}.${name} is not an array` };
    const seen = new Map<string, { at: number; output: string }>();
    for (const [i, raw] of steps.entries()) {
      const where = `${FIELD}.${name}[${i}]`;
      const step = readStep(raw, where);
      if (typeof step === "string") return { ok: false, reason: step };
      const stepExtra = others(raw as Record<string, unknown>, STEP_KEYS);
      if (Object.keys(stepExtra).length) ignored[`${name}[${i}]`] = stepExtra;
      if (!toolNames.includes(step.tool_name)) warnings.push(`${where} calls ${step.tool_name}, which the tools block does not declare`);
      const key = callKey(step.tool_name, step.input);
      const output = JSON.stringify(step.expected_output);
      const first = seen.get(key);
      if (first && first.output !== output)
        warnings.push(`${where} repeats ${formatCall(step.tool_name, step.input)} from ${name}[${first.at}] with a different output; replay answers the first`);
      if (!first) seen.set(key, { at: i, output });
      out[name].push(step);
    }
  }
  if (!out.normal_path.length) warnings.push(`${FIELD}.normal_path is empty: the case makes no tool call`);
  const topExtra = others(paths, PATHS);
  if (Object.keys(topExtra).length) ignored[""] = topExtra;
  return { ok: true, paths: out, warnings, ignored };
}
