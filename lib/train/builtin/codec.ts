import { factLabel } from "@/lib/chat/fact-mention";
import { assistantText, assistantToolCall, toolCallId, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import { beforeCallLine, describeCall } from "@/lib/sim/agent-phrasing";
import { nextAllowed } from "./grammar";
import { NAMING_INTENTS, REASON_INTENTS, readLine, renderLine, type Intent } from "./lines";
import { key } from "./observe";
import { slotToken, type Slots } from "./slots";
import { ANSWER_MARK, factToken, intentToken, literalToken, reasonToken, toolToken, type ParamSig, type ToolSig, type Vocab } from "./vocab";

/**
 * Action tokens ⇄ assistant messages. `decodeAction` turns the policy's tokens into a real
 * OpenAI assistant message (a tool call with JSON arguments, slot values substituted, or a line
 * in the oracle's phrasing); `encodeAction` reads an oracle message back into tokens (SFT data,
 * and the policy's own past turns when it re-reads a conversation). decode(encode(m)) means the
 * same to the scripted user and the reward as m (codec.test.ts).
 */
export interface DecodeContext {
  slots: Slots;
  /** The conversation before this turn (turn salt; the free text a <text> argument stands for). */
  messages: ChatMessage[];
  /** Picks among the phrasing variants. */
  seed: number;
}

const freeText = (messages: ChatMessage[]) => messages.find((m) => m.role === "user")?.content ?? "";

export function decodeAction(vocab: Vocab, ids: readonly number[], ctx: DecodeContext): AssistantMessage {
  if (nextAllowed({ vocab, slots: ctx.slots }, ids).length) throw new DomainError("invalid", "the action is incomplete (no END)");
  const t = ids.map((i) => vocab.tokens[i]);
  let i = 1;
  const salt = ctx.messages.length;
  const readArgs = (tool: ToolSig) => {
    const out: Record<string, unknown> = {};
    for (const p of tool.params) {
      i++; // the parameter's key token
      const value = readValue(p);
      if (value !== undefined) out[p.name] = value;
    }
    return out;
  };
  const one = (tok: string, p: ParamSig, itemType?: "string" | "number"): unknown => {
    if (tok === "TRUE" || tok === "FALSE") return tok === "TRUE";
    if (tok.startsWith("lit:")) return tok.slice(4);
    if (tok === "<text>") return p.type === "object" ? {} : freeText(ctx.messages);
    const slot = ctx.slots.values[Number(/^<v(\d+)>$/.exec(tok)![1])];
    return (itemType ?? p.type) === "number" ? Number(slot.text) : slot.text;
  };
  const readValue = (p: ParamSig): unknown => {
    const tok = t[i++];
    if (tok === "NONE") return undefined;
    if (p.type !== "array") return one(tok, p);
    const items = [one(tok, p, p.items)];
    while (t[i] !== "/list") items.push(one(t[i++], p, p.items));
    i++;
    return items;
  };

  if (t[0] === ANSWER_MARK) {
    const items = t.slice(1, -1);
    return assistantText(answerLine(items[0] === "NONE" ? [] : items.map((tok) => ctx.slots.values[Number(/^<v(\d+)>$/.exec(tok)![1])].text)));
  }
  if (t[0] === "CALL") {
    const tool = vocab.tool(t[i++].slice("tool:".length))!;
    const args = readArgs(tool);
    return assistantToolCall(toolCallId(`builtin:${ctx.seed}`, salt), tool.name, args, beforeCallLine(tool.kind, ctx.seed, salt));
  }
  const intent = t[i++].slice("say:".length) as Intent;
  const names: string[] = [];
  while (t[i].startsWith("fact:")) names.push(t[i++].slice("fact:".length));
  let reason = "";
  if (t[i].startsWith("reason:")) reason = vocab.spec.reasons[Number(t[i++].slice("reason:".length))];
  let described = "";
  if (t[i].startsWith("tool:")) {
    const tool = vocab.tool(t[i++].slice("tool:".length))!;
    described = describeCall(tool.name, readArgs(tool));
  }
  return assistantText(renderLine({ intent, names, reason, described }, vocab.flagFacts, ctx.seed, salt));
}

/** A problem's final answer as the episode reads it (lib/reasoning: formatAnswer's ", " joins); no values: "unknown". */
export const answerLine = (values: string[]) => `<answer>${values.length ? values.join(", ") : "unknown"}</answer>`;
const ANSWER_LINE = /^\s*<answer>([\s\S]*?)<\/answer>\s*$/;

/** An answer's values as slot tokens; a value the conversation never showed (a count, a sum) cannot be written. */
function answerTokens(vocab: Vocab, inner: string, slots: Slots): number[] {
  if (!vocab.answers) throw new DomainError("invalid", "this policy's vocabulary has no ANSWER action (a checkpoint saved before problems were trainable)");
  const text = inner.trim();
  if (!text || text.toLowerCase() === "unknown") return [vocab.must("NONE")];
  return text.split(", ").map((value) => {
    const k = slots.find(value);
    if (k === undefined) throw new UnwritableAnswer(value);
    return vocab.must(slotToken(k));
  });
}

/** An answer the policy cannot write: its value is not in the conversation (it must be computed). */
export class UnwritableAnswer extends DomainError {
  constructor(readonly value: string) {
    super("invalid", `the answer ${JSON.stringify(value)} is not a value of the conversation, so the built-in policy cannot write it`);
  }
}

/** Reads an assistant message (one tool call, an answer, or a line in the oracle's phrasing) into action tokens. */
export function encodeAction(vocab: Vocab, message: AssistantMessage, slots: Slots): number[] {
  const id = (tok: string) => vocab.must(tok);
  const calls = message.tool_calls ?? [];
  let tokens: number[];
  if (calls.length) {
    if (calls.length > 1) throw new DomainError("invalid", `the built-in policy makes one tool call a turn; this message has ${calls.length}`);
    const tool = vocab.tool(calls[0].function.name);
    if (!tool) throw new DomainError("invalid", `unknown tool ${calls[0].function.name} in an assistant message`);
    let args: Record<string, unknown>;
    try {
      args = JSON.parse(calls[0].function.arguments || "{}");
    } catch {
      throw new DomainError("invalid", `the arguments of ${tool.name} are not valid JSON`);
    }
    tokens = [id("CALL"), id(toolToken(tool.name)), ...argTokens(vocab, tool, args, slots), id("END")];
  } else if (ANSWER_LINE.test(message.content ?? "")) {
    tokens = [id(ANSWER_MARK), ...answerTokens(vocab, ANSWER_LINE.exec(message.content ?? "")![1], slots), id("END")];
  } else {
    const text = message.content ?? "";
    const move = readLine(text, vocab.factNames);
    if (!move) throw new DomainError("invalid", `the built-in policy cannot read this agent line as one of its moves: "${text.slice(0, 120)}"`);
    tokens = [id("SAY"), id(intentToken(move.intent))];
    if (NAMING_INTENTS.includes(move.intent)) {
      if (!move.names.length) throw new DomainError("invalid", `the line names no known fact: "${text.slice(0, 120)}"`);
      tokens.push(...move.names.map((n) => id(factToken(n))));
    } else if (REASON_INTENTS.includes(move.intent)) {
      const k = vocab.spec.reasons.indexOf(move.reason);
      tokens.push(k >= 0 ? id(reasonToken(k)) : id("NONE"));
    } else if (move.intent === "confirm") {
      const call = move.described ? parseDescribed(vocab, move.described) : null;
      tokens.push(...(call ? [id(toolToken(call.tool.name)), ...argTokens(vocab, call.tool, call.args, slots)] : [id("NONE")]));
    }
    tokens.push(id("END"));
  }
  nextAllowed({ vocab, slots }, tokens); // throws when the tokens break the grammar
  return tokens;
}

function argTokens(vocab: Vocab, tool: ToolSig, args: Record<string, unknown>, slots: Slots): number[] {
  const id = (tok: string) => vocab.must(tok);
  const one = (v: unknown, p: ParamSig): number => {
    if (typeof v === "boolean") return id(v ? "TRUE" : "FALSE");
    if (p.enum && typeof v === "string" && p.enum.includes(v)) return id(literalToken(v));
    const k = slots.find(v);
    if (k !== undefined) return id(slotToken(k));
    if (typeof v === "string" || (p.type === "object" && v && typeof v === "object")) return id("<text>");
    throw new DomainError("invalid", `${tool.name}.${p.name} = ${JSON.stringify(v)} is not a value of the conversation`);
  };
  return tool.params.flatMap((p) => {
    const v = args[p.name];
    const head = id(key(p.name));
    if (v === undefined || v === null) return [head, id("NONE")];
    if (p.type === "array") return [head, ...(Array.isArray(v) ? v : [v]).map((x) => one(x, p)), id("/list")];
    return [head, one(v, p)];
  });
}

/** "cancel appointment (appointment id: APT-3001)" → the write it describes (lib/sim describeCall). */
function parseDescribed(vocab: Vocab, text: string): { tool: ToolSig; args: Record<string, unknown> } | null {
  for (const tool of vocab.spec.tools.filter((t) => t.kind === "write")) {
    const label = factLabel(tool.name);
    if (text === label) return { tool, args: {} };
    if (!text.startsWith(`${label} (`) || !text.endsWith(")")) continue;
    const args: Record<string, unknown> = {};
    for (const part of text.slice(label.length + 2, -1).split("; ")) {
      const colon = part.indexOf(": ");
      const p = tool.params.find((q) => factLabel(q.name) === part.slice(0, colon));
      if (!p) return null;
      const raw = part.slice(colon + 2);
      args[p.name] = p.type === "boolean" ? raw === "yes" : p.type === "array" ? raw.split(", ") : p.type === "number" ? Number(raw) : raw;
    }
    return { tool, args };
  }
  return null;
}
