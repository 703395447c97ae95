import { z } from "zod";
import { registerJobKind } from "./registry";

// A built-in kind for tests and the benchmark: each item asks an OpenAI-compatible endpoint for
// one chat completion and records the reply and its usage. After a crash an item's request may
// be sent again, but its result is recorded once; lib/llm's response cache makes such a repeat
// free for the real kinds.

export const DemoEchoInput = z.object({
  /** The server root or its /v1 base, e.g. http://127.0.0.1:4010 or http://127.0.0.1:4010/v1. */
  baseUrl: z.url(),
  model: z.string().min(1),
  count: z.number().int().min(1).max(100_000),
  prompt: z.string().default("Echo this"),
  /** US dollars per million tokens. */
  price: z.object({ promptPerMTok: z.number().min(0), completionPerMTok: z.number().min(0) }).default({ promptPerMTok: 0, completionPerMTok: 0 }),
});
export type DemoEchoInput = z.infer<typeof DemoEchoInput>;

export type DemoEchoItem = { prompt: string };
export type DemoEchoResult = { text: string };

const ChatReply = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number(), completion_tokens: z.number() }).optional(),
});

export function completionsUrl(baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, "");
  return base.endsWith("/v1") ? `${base}/chat/completions` : `${base}/v1/chat/completions`;
}

export const demoLlmEcho = registerJobKind<DemoEchoInput, DemoEchoItem, DemoEchoResult>({
  kind: "demo.llm-echo",
  parseInput: (raw) => DemoEchoInput.parse(raw),
  prepareItems: (input) => Array.from({ length: input.count }, (_, i) => ({ prompt: `${input.prompt} #${i}` })),
  async runItem(item, { signal, jobInput, reportUsage }) {
    const res = await fetch(completionsUrl(jobInput.baseUrl), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: jobInput.model, messages: [{ role: "user", content: item.prompt }] }),
      signal,
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status} from ${jobInput.model}: ${body.slice(0, 200)}`);
    const reply = ChatReply.safeParse(JSON.parse(body));
    if (!reply.success) throw new Error(`Not a chat completion: ${body.slice(0, 200)}`);
    const promptTokens = reply.data.usage?.prompt_tokens ?? 0;
    const completionTokens = reply.data.usage?.completion_tokens ?? 0;
    const { promptPerMTok, completionPerMTok } = jobInput.price;
    reportUsage({ promptTokens, completionTokens, cost: (promptTokens * promptPerMTok + completionTokens * completionPerMTok) / 1e6 });
    return { text: reply.data.choices[0].message.content ?? "" };
  },
});
