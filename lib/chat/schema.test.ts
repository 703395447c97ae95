import { describe, expect, it } from "vitest";
import { assistantToolCall, ChatMessage, Conversation, stableHash, toolCallId, toolMessage } from "./schema";

describe("chat messages", () => {
  it("accepts the OpenAI shapes and keeps tool arguments as a JSON string", () => {
    const call = assistantToolCall("call_1", "get_order", { order_id: "o1" }, "Let me look.");
    expect(call.tool_calls?.[0]).toEqual({ id: "call_1", type: "function", function: { name: "get_order", arguments: '{"order_id":"o1"}' } });
    const conv = Conversation.parse([{ role: "system", content: "s" }, { role: "user", content: "u" }, call, toolMessage("call_1", { ok: 1 }), { role: "assistant", content: null, tool_calls: [] }]);
    expect(conv).toHaveLength(5);
    expect((conv[3] as { content: string }).content).toBe('{"ok":1}');
  });

  it("rejects a tool message without its call id and a tool call that is not a function", () => {
    expect(ChatMessage.safeParse({ role: "tool", content: "x" }).success).toBe(false);
    expect(ChatMessage.safeParse({ role: "assistant", content: null, tool_calls: [{ id: "a", type: "code", function: { name: "f", arguments: "{}" } }] }).success).toBe(false);
  });

  it("makes the same tool-call ids for the same scope and index, different otherwise", () => {
    expect(toolCallId("case-1", 0)).toBe(toolCallId("case-1", 0));
    expect(new Set([toolCallId("case-1", 0), toolCallId("case-1", 1), toolCallId("case-2", 0)]).size).toBe(3);
    expect(toolCallId("x", 3)).toMatch(/^call_[0-9a-z]+$/);
    expect(stableHash("abc")).toBe(stableHash("abc"));
  });
});
