import OpenAI, { APIError } from "openai";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { cacheKey, type Json, type LlmCache } from "./cache";
import { AimdLimiter } from "./concurrency";
import { resolveRole, type LlmConfig } from "./config";
import { LlmError } from "./errors";
import { backoffDelay, describeFailure, normalizeErrorBody } from "./retry";
import type { ChatRequest, ChatResult, LlmToolCall } from "./types";
import { costOf, type UsageEvent } from "./usage";

export interface LlmClientOptions {
  cache?: LlmCache;
  onUsage?: (event: UsageEvent) => void;
  /** Share one limiter between clients that talk to the same endpoint. */
  limiter?: AimdLimiter;
  /** Injected for tests of the backoff arithmetic; real waits by default. */
  random?: () => number;
}

export interface LlmClient {
  readonly config: LlmConfig;
  readonly limiter: AimdLimiter;
  chat(request: ChatRequest): Promise<ChatResult>;
}

/** The SDK, with error bodies of vLLM/Ollama/FastAPI servers reshaped so their messages survive. */
class CompatibleOpenAI extends OpenAI {
  protected override makeStatusError(status: number, error: object, message: string | undefined, headers: Headers) {
    return super.makeStatusError(status, normalizeErrorBody(error) as object, message, headers);
  }
}

const CachedCompletion = z.object({
  content: z.string().nullable(),
  toolCalls: z.array(z.object({ id: z.string(), type: z.literal("function"), function: z.object({ name: z.string(), arguments: z.string() }) })),
  model: z.string(),
  finishReason: z.string().nullable(),
});
type CachedCompletion = z.infer<typeof CachedCompletion>;

const isRateLimited = (e: unknown) => e instanceof APIError && e.status === 429;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => (clearTimeout(timer), reject(signal.reason)), { once: true });
  });
}

function completionOf(response: ChatCompletion, requested: string): CachedCompletion | undefined {
  const choice = response.choices?.[0];
  if (!choice?.message) return undefined;
  const toolCalls: LlmToolCall[] = (choice.message.tool_calls ?? []).flatMap((c) =>
    c.type === "function" ? [{ id: c.id, type: "function" as const, function: { name: c.function.name, arguments: c.function.arguments } }] : [],
  );
  return { content: choice.message.content ?? null, toolCalls, model: response.model || requested, finishReason: choice.finish_reason ?? null };
}

export function createLlmClient(config: LlmConfig, options: LlmClientOptions = {}): LlmClient {
  const limiter = options.limiter ?? new AimdLimiter({ max: config.maxConcurrency, increaseAfter: config.increaseAfter, isRateLimited });
  const sdk = config.baseUrl
    ? new CompatibleOpenAI({ baseURL: config.baseUrl, apiKey: config.apiKey ?? "no-key", maxRetries: 0, timeout: config.timeoutMs })
    : undefined;

  async function chat(request: ChatRequest): Promise<ChatResult> {
    const started = performance.now();
    const { model, temperature: roleTemperature, maxTokens: roleMaxTokens } = resolveRole(config, request.role);
    if (!sdk || !model) {
      const envName = `FLYWHEEL_LLM_MODEL_${request.role.toUpperCase()}`;
      throw new DomainError("invalid", `LLM role "${request.role}" is not configured: set a base URL (FLYWHEEL_LLM_BASE_URL) and a model (FLYWHEEL_LLM_MODEL or ${envName}) in settings`, { role: request.role });
    }
    const temperature = request.temperature ?? roleTemperature;
    const maxTokens = request.maxTokens ?? roleMaxTokens;
    const useCache = Boolean(options.cache) && request.useCache !== false;
    const key = cacheKey({ model, messages: request.messages, tools: request.tools, responseFormat: request.responseFormat, parameters: { temperature, maxTokens, seed: request.seed } });
    const finish = (c: CachedCompletion, cached: boolean, attempts: number, usage = { promptTokens: 0, completionTokens: 0 }): ChatResult => {
      const cost = cached ? 0 : (costOf(model, usage, config.prices) ?? costOf(c.model, usage, config.prices));
      const result: ChatResult = { ...c, usage, cost, cached, attempts, latencyMs: performance.now() - started };
      options.onUsage?.({ role: request.role, model: c.model, usage, cost, cached, latencyMs: result.latencyMs, keys: request.usageKeys ?? [] });
      return result;
    };

    if (useCache) {
      const hit = CachedCompletion.safeParse(await options.cache!.get(key));
      if (hit.success) return finish(hit.data, true, 0);
    }

    const body = {
      model,
      messages: request.messages,
      temperature,
      [config.maxTokensField]: maxTokens,
      ...(request.tools?.length ? { tools: request.tools } : {}),
      ...(request.responseFormat ? { response_format: request.responseFormat } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
    } as ChatCompletionCreateParamsNonStreaming;

    for (let attempt = 1; ; attempt++) {
      let response: ChatCompletion;
      try {
        response = await limiter.run(() => sdk.chat.completions.create(body, { signal: request.signal }));
      } catch (err) {
        const info = describeFailure(err);
        if (!info) throw err;
        const fail = (kind: typeof info.kind, why: string) =>
          new LlmError(`LLM call (role ${request.role}, model ${model}) ${why}: ${info.providerMessage ?? (err as Error).message}`, {
            kind, status: info.status, attempts: attempt, providerMessage: info.providerMessage, role: request.role, model,
          });
        if (!info.retryable) throw fail(info.kind, `was rejected (${info.status ?? "no status"})`);
        if (attempt >= config.maxAttempts) throw fail(info.kind, `failed after ${attempt} attempts (last: ${info.kind}${info.status ? ` ${info.status}` : ""})`);
        if (info.retryAfterMs !== undefined && info.retryAfterMs > config.maxRetryAfterMs) {
          throw fail("retry_after_too_long", `was told to retry after ${Math.round(info.retryAfterMs / 1000)} s, over the ${Math.round(config.maxRetryAfterMs / 1000)} s limit`);
        }
        await sleep(info.retryAfterMs ?? backoffDelay(attempt, config.retryBaseDelayMs, config.retryMaxDelayMs, options.random), request.signal);
        continue;
      }
      const completion = completionOf(response, model);
      if (!completion) {
        throw new LlmError(`LLM call (role ${request.role}, model ${model}) got an answer with no choices`, {
          kind: "bad_response", status: 200, attempts: attempt, providerMessage: undefined, role: request.role, model,
        });
      }
      if (useCache) await options.cache!.set(key, completion as unknown as Json);
      const usage = { promptTokens: response.usage?.prompt_tokens ?? 0, completionTokens: response.usage?.completion_tokens ?? 0 };
      return finish(completion, false, attempt, usage);
    }
  }

  return { config, limiter, chat };
}
