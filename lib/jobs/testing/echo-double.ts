import { startOpenAiDouble, type DoubleHandler, type OpenAiDouble } from "@/lib/llm/testing/openai-double";

/** Prompt of a chat request: its last message's content. */
export const promptOf = (body: { messages?: { content?: unknown }[] } | undefined): string => String(body?.messages?.at(-1)?.content ?? "");

/**
 * The loopback OpenAI double answering `echo: <prompt>`, with usage of one token per prompt
 * character and one per reply character (so costs are predictable); `isFailure` picks prompts
 * that get a 500.
 */
export function startEchoDouble({ latencyMs = 0, isFailure = () => false }: { latencyMs?: number; isFailure?: (prompt: string) => boolean } = {}): Promise<OpenAiDouble> {
  const handler: DoubleHandler = (req) => {
    const prompt = promptOf(req.body);
    if (isFailure(prompt)) return { type: "error", status: 500, message: `refused ${prompt}`, errorType: "server_error" };
    const content = `echo: ${prompt}`;
    return { type: "message", content, usage: { prompt_tokens: prompt.length, completion_tokens: content.length } };
  };
  return startOpenAiDouble({ latencyMs, handler });
}
