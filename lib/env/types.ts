/** What a tool call returns. A failing call is a result the agent sees, never a throw. */
export type ToolResult = { ok: true; output: unknown } | { ok: false; error: string };

/** A call as an agent (or the tree interpreter) makes it. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One call the environment answered, in order. */
export interface CallRecord extends ToolCall {
  result: ToolResult;
}

/** One difference between two databases; `field` is a dotted path inside the record for updates. */
export interface StateChange {
  table: string;
  key: string;
  op: "insert" | "delete" | "update";
  field?: string;
  before?: unknown;
  after?: unknown;
}

export const ok = (output: unknown): ToolResult => ({ ok: true, output });
export const fail = (error: string): ToolResult => ({ ok: false, error });
