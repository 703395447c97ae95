import type { ToolSpec } from "@/lib/domain/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import { isAsking, isConfirmationRequest, isOfferingMoreHelp, isRefusal, isTransferText } from "@/lib/chat/intent";

/** What the agent did between two user messages: its tool calls and the text it ended on. */
export interface AgentTurn {
  text: string;
  toolNames: string[];
}

/**
 * transfer: a transfer tool was called (or the marker said); handoff: a hand-off announced in
 * words only, which a user can still argue with, as with a refusal.
 */
export type AgentTurnKind = "transfer" | "handoff" | "confirm" | "refuse" | "ask" | "close";

/** The agent's turns, one per stretch of assistant/tool messages after a user message. */
export function agentTurns(conversation: ChatMessage[]): AgentTurn[] {
  const turns: AgentTurn[] = [];
  let current: AgentTurn | null = null;
  for (const m of conversation) {
    if (m.role === "user") {
      current = { text: "", toolNames: [] };
      turns.push(current);
    } else if (m.role === "assistant" && current) {
      for (const call of m.tool_calls ?? []) current.toolNames.push(call.function.name);
      // the text that ends the turn is what the user answers; reasoning before a call is not
      if (m.content && m.content.trim()) current.text = m.content;
    }
  }
  return turns.filter((t) => t.text || t.toolNames.length);
}

/** A predicate for transfer tools: by effect kind when the specs are known, else by name. */
export function transferToolTest(tools?: ToolSpec[]): (name: string) => boolean {
  if (tools) {
    const names = new Set(tools.filter((t) => t.effect.kind === "transfer").map((t) => t.name));
    return (name) => names.has(name);
  }
  return (name) => /transfer/i.test(name);
}

/** Reads a turn in priority order: hand-off, yes/no question, refusal, request for details, sign-off. */
export function classifyTurn(turn: AgentTurn, isTransferTool: (name: string) => boolean): AgentTurnKind {
  if (turn.toolNames.some(isTransferTool) || turn.text.includes("###TRANSFER")) return "transfer";
  if (isTransferText(turn.text)) return "handoff";
  if (isConfirmationRequest(turn.text)) return "confirm";
  if (isRefusal(turn.text)) return "refuse";
  if (isAsking(turn.text) && !isOfferingMoreHelp(turn.text)) return "ask";
  return "close";
}
