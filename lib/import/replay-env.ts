import { createHash } from "node:crypto";
import type { PathStep, StateChange } from "@/lib/cases/schema";
import { canonicalJson } from "@/lib/env/state";
import { fail, ok, type CallRecord, type ToolCall, type ToolResult } from "@/lib/env/types";
import { callKey, formatCall } from "./call-key";
import type { ImportedTool, ToolPaths } from "./schema";

/** One write call the replay accepted, with the recorded arguments (so the hash ignores key order and number forms). */
export interface ReplayWrite {
  tool: string;
  arguments: Record<string, unknown>;
}

interface Recording {
  step: PathStep;
  isWrite: boolean;
}

/** The paper's writes may return "no_return"; an agent still needs an answer. */
export const NO_RETURN_OUTPUT = { success: true } as const;
export const replayOutput = (expected: unknown): unknown =>
  expected === "no_return" ? { ...NO_RETURN_OUTPUT } : structuredClone(expected);

/**
 * A deterministic stand-in for an imported record's tools, which exist only as recorded outputs.
 * A call is answered from the recorded paths (same tool, arguments equal up to key order and
 * number forms; the normal path wins where both record a call; the first recording in a path
 * wins). The state is the ordered log of write calls. A call counts as a write when it is
 * recorded only in the hack path, when it is recorded as "no_return", or when its tool returns
 * "no_return" anywhere in the record (the paper marks writes that way). Writes the record
 * returns objects for, on the normal path, cannot be told from reads: they do not change the
 * state.
 */
export class ReplayEnvironment {
  private readonly tools = new Map<string, ImportedTool>();
  private readonly recordings = new Map<string, Recording>();
  private writes: ReplayWrite[] = [];
  private calls: CallRecord[] = [];

  constructor(tools: readonly ImportedTool[], paths: ToolPaths) {
    for (const tool of tools) this.tools.set(tool.name, tool);
    const writeTools = new Set(
      [...paths.normal_path, ...paths.hack_path].filter((s) => s.expected_output === "no_return").map((s) => s.tool_name),
    );
    const isWriteTool = (s: PathStep) => s.expected_output === "no_return" || writeTools.has(s.tool_name);
    for (const step of paths.normal_path) this.record(step, isWriteTool(step));
    for (const step of paths.hack_path) this.record(step, true);
  }

  private record(step: PathStep, isWrite: boolean) {
    const key = callKey(step.tool_name, step.input);
    if (!this.recordings.has(key)) this.recordings.set(key, { step, isWrite });
  }

  /** Starts over: no writes, no calls. */
  reset(): readonly ReplayWrite[] {
    this.writes = [];
    this.calls = [];
    return this.writes;
  }

  step(call: ToolCall): ToolResult {
    const result = this.answer(call);
    this.calls.push({ name: call.name, arguments: structuredClone(call.arguments ?? {}), result });
    return result;
  }

  private answer(call: ToolCall): ToolResult {
    if (!this.tools.has(call.name)) return fail(`unknown tool ${call.name}; available: ${[...this.tools.keys()].join(", ")}`);
    const args = call.arguments;
    if (!args || typeof args !== "object" || Array.isArray(args)) return fail(`arguments of ${call.name} must be an object`);
    const found = this.recordings.get(callKey(call.name, args));
    if (!found) return fail(`no recorded output for ${formatCall(call.name, args)} in this imported case`);
    if (found.isWrite) this.writes.push({ tool: found.step.tool_name, arguments: structuredClone(found.step.input) });
    return ok(replayOutput(found.step.expected_output));
  }

  /** The write calls made since reset, in order. */
  state(): readonly ReplayWrite[] {
    return this.writes;
  }

  hash(): string {
    return hashWrites(this.writes);
  }

  /** The writes since reset as state changes: one insert per call into a table named after its tool. */
  diff(): StateChange[] {
    return this.writes.map(writeChange);
  }

  log(): readonly CallRecord[] {
    return this.calls;
  }

  toolSpecs(): ImportedTool[] {
    return [...this.tools.values()];
  }
}

export const createReplayEnvironment = (tools: readonly ImportedTool[], toolReturnExpected: ToolPaths) =>
  new ReplayEnvironment(tools, toolReturnExpected);

export const hashWrites = (writes: readonly ReplayWrite[]): string =>
  createHash("sha256").update(canonicalJson(writes)).digest("hex");

/** A write as a StateChange: table = the tool, key = its canonical arguments. */
export const writeChange = (write: ReplayWrite): StateChange => ({
  table: write.tool,
  key: canonicalJson(write.arguments),
  op: "insert",
  after: write.arguments,
});
