import type { DoubleReply, DoubleRequest } from "../openai-double";

/**
 * A tool-calling agent without a model, for requests that offer `tools` (the eval harness's
 * openai: agent): after a user turn it calls the first offered tool, its required parameters
 * filled with placeholders by type; after a tool result it reports back in words; after the
 * user's answer to that, it signs off. Enough to drive a whole episode over real HTTP.
 */
type Tool = { function: { name: string; parameters?: { properties?: Record<string, { type?: string }>; required?: string[] } } };
type Message = { role: string; content?: string | null; tool_calls?: unknown[] };

const PLACEHOLDER: Record<string, unknown> = { string: "unknown", number: 0, integer: 0, boolean: false, array: [], object: {} };

export function placeholderArguments(tool: Tool): Record<string, unknown> {
  const params = tool.function.parameters ?? {};
  return Object.fromEntries((params.required ?? []).map((name) => [name, PLACEHOLDER[params.properties?.[name]?.type ?? "string"] ?? "unknown"]));
}

export function reply(request: DoubleRequest): DoubleReply {
  const tools = (request.body?.tools ?? []) as Tool[];
  const messages = (request.body?.messages ?? []) as Message[];
  const last = messages.at(-1);
  if (last?.role === "tool") return { type: "message", content: "I have looked that up for you. Is there anything else you need?" };
  const calledBefore = messages.some((m) => m.role === "assistant" && m.tool_calls?.length);
  if (last?.role === "user" && tools.length && !calledBefore) {
    return { type: "message", content: null, toolCalls: [{ name: tools[0].function.name, arguments: placeholderArguments(tools[0]) }], finishReason: "tool_calls" };
  }
  return { type: "message", content: "Thank you for your patience. Goodbye." };
}
