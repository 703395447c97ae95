import type { Database, ToolSpec } from "@/lib/domain/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import type { ToolCall, ToolResult } from "@/lib/env/types";

/** What scoring needs of an environment; lib/env's Environment is one. */
export interface ScoringEnv {
  reset(db?: Database): unknown;
  step(call: ToolCall): ToolResult;
  hash(): string;
  state(): Database;
  /** The tools, to tell writes and transfers apart from lookups. */
  toolSpecs(): ToolSpec[];
}

export type CallKind = "read" | "write" | "transfer" | "unknown";

/** One tool call of the trajectory as the environment answered it on replay. */
export interface ReplayedCall {
  /** Index of the assistant message that made the call. */
  messageIndex: number;
  id: string;
  name: string;
  kind: CallKind;
  /** null when the arguments were not a JSON object (the result then says why). */
  arguments: Record<string, unknown> | null;
  result: ToolResult;
  /** The database hash moved: the call wrote something. */
  changedState: boolean;
}

/**
 * Replays every tool call of the trajectory, in order, on `env` as it stands (the caller resets
 * it). Tool messages in the trajectory are ignored: what counts is what the calls do to the
 * database now. Arguments that are not a JSON object become an error result, never a throw, as
 * a failing call does in the environment.
 */
export function replayCalls(messages: ChatMessage[], env: ScoringEnv): ReplayedCall[] {
  const kinds = new Map(env.toolSpecs().map((t) => [t.name, t.effect.kind === "get" || t.effect.kind === "filter" ? "read" : t.effect.kind] as const));
  const out: ReplayedCall[] = [];
  messages.forEach((m, messageIndex) => {
    if (m.role !== "assistant") return;
    for (const call of m.tool_calls ?? []) {
      const name = call.function?.name ?? "";
      const parsed = parseArguments(name, call.function?.arguments);
      const before = env.hash();
      const result = "error" in parsed ? { ok: false as const, error: parsed.error } : env.step({ name, arguments: parsed.args });
      out.push({
        messageIndex,
        id: call.id,
        name,
        kind: kinds.get(name) ?? "unknown",
        arguments: "error" in parsed ? null : parsed.args,
        result,
        changedState: env.hash() !== before,
      });
    }
  });
  return out;
}

function parseArguments(name: string, raw: unknown): { args: Record<string, unknown> } | { error: string } {
  if (typeof raw !== "string") return { error: `arguments of ${name} must be a JSON string` };
  if (!raw.trim()) return { args: {} }; // some clients send "" for a call without arguments
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    return { error: `arguments of ${name} are not valid JSON: ${(e as Error).message}` };
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return { error: `arguments of ${name} must be a JSON object` };
  return { args: value as Record<string, unknown> };
}
