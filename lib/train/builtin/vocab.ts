import type { TestCase } from "@/lib/cases/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import type { DomainSpec, ToolSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import { INTENTS, REASON_INTENTS, readLine } from "./lines";
import { jsonTokens, key, textTokens, toolTokens, word } from "./observe";
import { NUMBER_BUCKETS, OVERFLOW_SLOT, Slots, slotToken } from "./slots";

/**
 * The policy's vocabulary, built from the domain and the training conversations: observation
 * words and JSON keys, value slots, and the action language (tools with their parameter
 * signatures, intents, fact names, refusal reasons, enum literals). Saved beside the weights, so
 * a checkpoint reads conversations exactly as it was trained to.
 */
export interface ParamSig {
  name: string;
  type: "string" | "number" | "boolean" | "array" | "object";
  /** For arrays: the element type. */
  items?: "string" | "number";
  required: boolean;
  enum?: string[];
}
export interface ToolSig {
  name: string;
  kind: "read" | "write" | "transfer";
  params: ParamSig[];
}
export interface FactSig {
  name: string;
  /** A yes/no fact, asked as "whether this applies". */
  flag: boolean;
}
export interface VocabSpec {
  version: 1;
  slots: number;
  words: string[];
  keys: string[];
  tools: ToolSig[];
  facts: FactSig[];
  reasons: string[];
  /**
   * Has the ANSWER action (a problem's final answer, as slot values). Vocabularies built since
   * problems became trainable have it; older checkpoints' do not, and keep their token ids.
   */
  answers?: boolean;
}

export const SPECIALS = ["<pad>", "<bos>", "<unk>", "<user>", "<tool>", "<agent>", "[", "]", ",", "true", "false", "null"] as const;
export const ACTION_MARKS = ["CALL", "SAY", "END", "NONE", "TRUE", "FALSE", "<text>", "/list"] as const;
/** Appended after every other token, so a vocabulary without it numbers its tokens as before. */
export const ANSWER_MARK = "ANSWER";

export const toolToken = (name: string) => `tool:${name}`;
export const intentToken = (intent: string) => `say:${intent}`;
export const factToken = (name: string) => `fact:${name}`;
export const reasonToken = (i: number) => `reason:${i}`;
export const literalToken = (value: string) => `lit:${value}`;

export class Vocab {
  readonly tokens: string[];
  private readonly ids = new Map<string, number>();
  private readonly toolsByName: Map<string, ToolSig>;

  constructor(readonly spec: VocabSpec) {
    const literals = [...new Set(spec.tools.flatMap((t) => t.params.flatMap((p) => p.enum ?? [])))];
    this.tokens = [
      ...SPECIALS,
      ...NUMBER_BUCKETS,
      ...Array.from({ length: spec.slots }, (_, k) => slotToken(k)),
      OVERFLOW_SLOT,
      ...spec.words.map(word),
      ...spec.keys.map(key),
      ...ACTION_MARKS,
      ...spec.tools.map((t) => toolToken(t.name)),
      ...INTENTS.map(intentToken),
      ...spec.facts.map((f) => factToken(f.name)),
      ...spec.reasons.map((_, i) => reasonToken(i)),
      ...literals.map(literalToken),
      ...(spec.answers ? [ANSWER_MARK] : []),
    ];
    this.tokens.forEach((t, i) => {
      if (this.ids.has(t)) throw new DomainError("invalid", `vocabulary token ${t} appears twice`);
      this.ids.set(t, i);
    });
    this.toolsByName = new Map(spec.tools.map((t) => [t.name, t]));
  }

  get size(): number {
    return this.tokens.length;
  }

  /** A token's id; unknown words and keys read as <unk>. */
  id(token: string): number {
    return this.ids.get(token) ?? this.ids.get("<unk>")!;
  }

  /** A token's id, which must exist (action tokens). */
  must(token: string): number {
    const id = this.ids.get(token);
    if (id === undefined) throw new DomainError("invalid", `the policy's vocabulary has no token ${token}`);
    return id;
  }

  has(token: string): boolean {
    return this.ids.has(token);
  }

  tool(name: string): ToolSig | undefined {
    return this.toolsByName.get(name);
  }

  get factNames(): string[] {
    return this.spec.facts.map((f) => f.name);
  }

  /** Whether the policy can give a problem's final answer. */
  get answers(): boolean {
    return this.spec.answers === true;
  }

  get flagFacts(): string[] {
    return this.spec.facts.filter((f) => f.flag).map((f) => f.name);
  }
}

function paramSig(name: string, schema: Record<string, unknown>, required: boolean): ParamSig {
  const t = schema.type;
  const type: ParamSig["type"] = t === "number" || t === "integer" ? "number" : t === "boolean" ? "boolean" : t === "array" ? "array" : t === "object" ? "object" : "string";
  const items = (schema.items as Record<string, unknown> | undefined)?.type;
  const enumValues = Array.isArray(schema.enum) ? schema.enum.map(String) : undefined;
  return { name, type, required, ...(type === "array" ? { items: items === "number" || items === "integer" ? "number" : "string" } : {}), ...(enumValues ? { enum: enumValues } : {}) };
}

export function toolSig(tool: ToolSpec): ToolSig {
  const props = (tool.parameters.properties ?? {}) as Record<string, Record<string, unknown>>;
  const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : [];
  const kind = tool.effect.kind === "write" ? "write" : tool.effect.kind === "transfer" ? "transfer" : "read";
  return { name: tool.name, kind, params: Object.entries(props).map(([n, s]) => paramSig(n, s ?? {}, required.includes(n))) };
}

/**
 * The vocabulary for a domain: tools and facts from the domain (and the cases' facts), words and
 * keys from the training conversations and the domain's database, refusal reasons from the
 * training conversations' refusals.
 */
export function buildVocab(input: { domain: DomainSpec; cases: TestCase[]; conversations: ChatMessage[][]; slots?: number }): Vocab {
  const { domain, cases, conversations } = input;
  const facts = new Map<string, boolean>((domain.userFacts ?? []).map((f) => [f.name, f.type === "boolean"]));
  for (const c of cases) {
    for (const [n, v] of [...Object.entries(c.user_facts), ...Object.entries(c.hack_facts)]) if (!facts.has(n)) facts.set(n, typeof v === "boolean");
    for (const n of c.expected_clarifications) if (!facts.has(n)) facts.set(n, false);
  }
  const tools = domain.tools.map(toolSig);
  const symbols = new Set<string>();
  const scratch = new Slots(Number.MAX_SAFE_INTEGER);
  const reasons: string[] = [];
  for (const conversation of conversations) {
    for (const m of conversation) {
      if (m.role === "user") textTokens(m.content, scratch).forEach((s) => symbols.add(s));
      else if (m.role === "tool") toolTokens(m.content, scratch).forEach((s) => symbols.add(s));
      else if (m.role === "assistant" && m.content) {
        const move = readLine(m.content, [...facts.keys()]);
        if (move && REASON_INTENTS.includes(move.intent) && move.reason && !reasons.includes(move.reason)) reasons.push(move.reason);
      }
    }
  }
  for (const records of Object.values(domain.db)) for (const r of Object.values(records)) jsonTokens(r, scratch).forEach((s) => symbols.add(s));
  for (const t of tools) for (const p of t.params) symbols.add(key(p.name));
  for (const n of facts.keys()) for (const w of n.toLowerCase().split(/[^a-z]+/).filter(Boolean)) symbols.add(word(w));
  const pick = (prefix: string) => [...symbols].filter((s) => s.startsWith(prefix)).map((s) => s.slice(prefix.length)).sort();
  return new Vocab({
    version: 1,
    slots: input.slots ?? 48,
    words: pick("w:"),
    keys: pick("key:"),
    tools,
    facts: [...facts].map(([name, flag]) => ({ name, flag })),
    reasons,
    answers: true,
  });
}
