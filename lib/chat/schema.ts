import { z } from "zod";

/**
 * Trajectories are OpenAI chat messages everywhere (storage, export, eval, rewards). Tool-call
 * arguments stay a JSON *string*, as the API sends them: a model can emit malformed JSON, and the
 * reward must see that rather than a parse error at load time.
 */
export const ChatToolCall = z.object({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});
export type ChatToolCall = z.infer<typeof ChatToolCall>;

export const SystemMessage = z.object({ role: z.literal("system"), content: z.string() });
export const UserMessage = z.object({ role: z.literal("user"), content: z.string() });
export const AssistantMessage = z.object({
  role: z.literal("assistant"),
  /** null when the turn is only tool calls, as the API returns it. */
  content: z.string().nullable(),
  tool_calls: z.array(ChatToolCall).optional(),
});
export const ToolMessage = z.object({
  role: z.literal("tool"),
  tool_call_id: z.string().min(1),
  content: z.string(),
});
export type SystemMessage = z.infer<typeof SystemMessage>;
export type UserMessage = z.infer<typeof UserMessage>;
export type AssistantMessage = z.infer<typeof AssistantMessage>;
export type ToolMessage = z.infer<typeof ToolMessage>;

export const ChatMessage = z.discriminatedUnion("role", [SystemMessage, UserMessage, AssistantMessage, ToolMessage]);
export type ChatMessage = z.infer<typeof ChatMessage>;
export const Conversation = z.array(ChatMessage);
export type Conversation = z.infer<typeof Conversation>;

/** What the user simulator says to end a conversation (tau2-bench's marker). */
export const STOP_MARKER = "###STOP###";
/** What an agent may say instead of calling a transfer tool (tau2-bench's marker). */
export const TRANSFER_MARKER = "###TRANSFER###";

/** FNV-1a, 32 bit: a tiny stable hash that runs in the browser too (no node:crypto here). */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A deterministic tool-call id: the same conversation scope and index give the same id. */
export function toolCallId(scope: string, index: number): string {
  return `call_${stableHash(`${scope}#${index}`).toString(36).padStart(7, "0")}${index.toString(36)}`;
}

export const systemMessage = (content: string): SystemMessage => ({ role: "system", content });
export const userMessage = (content: string): UserMessage => ({ role: "user", content });
export const assistantText = (content: string): AssistantMessage => ({ role: "assistant", content });
export const toolMessage = (toolCallIdValue: string, output: unknown): ToolMessage => ({
  role: "tool",
  tool_call_id: toolCallIdValue,
  content: typeof output === "string" ? output : JSON.stringify(output),
});

/** An assistant turn that calls one tool; `text` is the brief reasoning shown before the call. */
export function assistantToolCall(id: string, name: string, args: unknown, text: string | null = null): AssistantMessage {
  return { role: "assistant", content: text, tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }] };
}
