import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isDomainError } from "@/lib/errors";
import { MemoryLlmCache } from "./cache";
import { createLlmClient } from "./client";
import { LlmError } from "./errors";
import { replies, startOpenAiDouble, type OpenAiDouble } from "./testing/openai-double";
import { doubleConfig } from "./testing/fixtures";
import type { UsageEvent } from "./usage";

let double: OpenAiDouble;
beforeEach(async () => {
  double = await startOpenAiDouble();
});
afterEach(async () => {
  await double.close();
});

const hello = [{ role: "user" as const, content: "Say hello" }];

describe("createLlmClient against the OpenAI-compatible test double", () => {
  it("returns content, usage and cost, and sends the role's settings", async () => {
    double.enqueue({ type: "message", content: "Hello!", usage: { prompt_tokens: 1000, completion_tokens: 200 } });
    const events: UsageEvent[] = [];
    const client = createLlmClient(doubleConfig(double.url, { roles: { judge: { temperature: 0.1, maxTokens: 77 } } }), {
      onUsage: (e) => events.push(e),
    });
    const result = await client.chat({ role: "judge", messages: hello, seed: 7, usageKeys: ["job:1"] });

    expect(result).toMatchObject({ content: "Hello!", toolCalls: [], cached: false, attempts: 1, model: "test-model", finishReason: "stop" });
    expect(result.usage).toEqual({ promptTokens: 1000, completionTokens: 200 });
    expect(result.cost).toBeCloseTo((1000 * 2 + 200 * 10) / 1e6, 12);
    const body = double.chatRequests()[0].body;
    expect(body).toMatchObject({ model: "test-model", temperature: 0.1, max_tokens: 77, seed: 7, messages: hello });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ role: "judge", cached: false, keys: ["job:1"], cost: result.cost });
  });

  it("parses tool calls and passes tools and response_format through", async () => {
    double.enqueue(replies.toolCall("get_order", { order_id: "#W1" }));
    const client = createLlmClient(doubleConfig(double.url, { prices: {} }));
    const tools = [{ type: "function" as const, function: { name: "get_order", parameters: { type: "object" } } }];
    const result = await client.chat({ role: "writer", messages: hello, tools, responseFormat: { type: "json_object" } });
    expect(result.content).toBeNull();
    expect(result.toolCalls).toEqual([{ id: expect.any(String), type: "function", function: { name: "get_order", arguments: '{"order_id":"#W1"}' } }]);
    expect(result.cost).toBeNull(); // no price configured: unknown, not free
    expect(double.chatRequests()[0].body).toMatchObject({ tools, response_format: { type: "json_object" } });
  });

  it("retries a 429 after the retry-after the server asked for", async () => {
    double.enqueue(replies.rateLimited({ afterSeconds: 0.05 }), replies.text("ok"));
    const client = createLlmClient(doubleConfig(double.url));
    const result = await client.chat({ role: "writer", messages: hello });
    const [first, second] = double.chatRequests();
    expect(result.content).toBe("ok");
    expect(result.attempts).toBe(2);
    expect(double.chatRequests()).toHaveLength(2);
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(49); // 1 ms for clock truncation
    expect(second.receivedAt - first.receivedAt).toBeLessThan(2_000);
  });

  it("honours retry-after-ms too", async () => {
    double.enqueue(replies.rateLimited({ afterMs: 60 }), replies.text("ok"));
    const client = createLlmClient(doubleConfig(double.url));
    await client.chat({ role: "writer", messages: hello });
    const [first, second] = double.chatRequests();
    expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(59);
  });

  it("retries a 500 and then succeeds", async () => {
    double.enqueue(replies.serverError(), replies.serverError(), replies.text("recovered"));
    const client = createLlmClient(doubleConfig(double.url));
    const result = await client.chat({ role: "writer", messages: hello });
    expect(result).toMatchObject({ content: "recovered", attempts: 3 });
  });

  it("retries after a timeout and then succeeds", async () => {
    double.enqueue(replies.hang(), replies.text("late but fine"));
    const client = createLlmClient(doubleConfig(double.url, { timeoutMs: 150 }));
    const result = await client.chat({ role: "writer", messages: hello });
    expect(result).toMatchObject({ content: "late but fine", attempts: 2 });
  });

  it("gives up after maxAttempts with the provider's message, status and attempts", async () => {
    double.setHandler(() => replies.serverError("upstream exploded"));
    const client = createLlmClient(doubleConfig(double.url, { maxAttempts: 3 }));
    const error = await client.chat({ role: "expander", messages: hello }).catch((e) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ status: 500, attempts: 3, kind: "server", providerMessage: "upstream exploded", code: "internal" });
    expect(error.message).toMatch(/role expander, model test-model\) failed after 3 attempts.*upstream exploded/);
    expect(double.chatRequests()).toHaveLength(3);
  });

  it("does not retry a rejection, and reads vLLM's top-level error body", async () => {
    const vllmBody = JSON.stringify({ object: "error", message: "The model `nope` does not exist.", type: "NotFoundError", code: 404 });
    double.enqueue({ type: "raw", status: 404, body: vllmBody });
    const client = createLlmClient(doubleConfig(double.url));
    const error = await client.chat({ role: "writer", messages: hello }).catch((e) => e);
    expect(error).toMatchObject({ kind: "rejected", status: 404, attempts: 1, code: "invalid", providerMessage: "The model `nope` does not exist." });
    expect(double.chatRequests()).toHaveLength(1);
  });

  it("reads Ollama's string error body", async () => {
    double.enqueue({ type: "raw", status: 400, body: JSON.stringify({ error: "model 'qwen9' not found" }) });
    const error = await createLlmClient(doubleConfig(double.url)).chat({ role: "writer", messages: hello }).catch((e) => e);
    expect(error).toMatchObject({ providerMessage: "model 'qwen9' not found" });
  });

  it("fails fast when the server asks for a wait over maxRetryAfterMs", async () => {
    double.enqueue(replies.rateLimited({ afterSeconds: 3600 }));
    const error = await createLlmClient(doubleConfig(double.url)).chat({ role: "writer", messages: hello }).catch((e) => e);
    expect(error).toMatchObject({ kind: "retry_after_too_long", code: "limit", attempts: 1 });
  });

  it("retries connection failures and then names them", async () => {
    const gone = await startOpenAiDouble();
    await gone.close();
    const error = await createLlmClient(doubleConfig(gone.url, { maxAttempts: 2 })).chat({ role: "writer", messages: hello }).catch((e) => e);
    expect(error).toMatchObject({ kind: "connection", attempts: 2, status: undefined });
  });

  it("halves its concurrency on a 429 and climbs back after successes", async () => {
    double.enqueue(replies.rateLimited({ afterMs: 1 }));
    const client = createLlmClient(doubleConfig(double.url, { maxConcurrency: 8, increaseAfter: 2 }));
    await client.chat({ role: "writer", messages: hello });
    expect(client.limiter.limit).toBe(4);
    await client.chat({ role: "writer", messages: hello });
    expect(client.limiter.limit).toBe(5);
  });

  it("serves a repeated request from the cache: no HTTP call, no cost", async () => {
    double.setHandler(() => ({ type: "message", content: "cached answer", usage: { prompt_tokens: 50, completion_tokens: 5 } }));
    const cache = new MemoryLlmCache();
    const events: UsageEvent[] = [];
    const client = createLlmClient(doubleConfig(double.url), { cache, onUsage: (e) => events.push(e) });
    const cold = await client.chat({ role: "writer", messages: hello, seed: 1 });
    const warm = await client.chat({ role: "writer", messages: hello, seed: 1 });

    expect(double.chatRequests()).toHaveLength(1);
    expect(cold).toMatchObject({ cached: false, attempts: 1 });
    expect(cold.cost).toBeGreaterThan(0);
    expect(warm).toMatchObject({ content: "cached answer", cached: true, cost: 0, attempts: 0, usage: { promptTokens: 0, completionTokens: 0 } });
    expect(events.map((e) => e.cached)).toEqual([false, true]);

    await client.chat({ role: "writer", messages: hello, seed: 2 }); // another parameter: another key
    await client.chat({ role: "writer", messages: hello, seed: 1, useCache: false });
    expect(double.chatRequests()).toHaveLength(3);
  });

  it("treats a malformed cache entry as a miss", async () => {
    const cache = { get: () => ({ content: 42 }), set: () => {} };
    double.enqueue(replies.text("fresh"));
    const result = await createLlmClient(doubleConfig(double.url), { cache }).chat({ role: "writer", messages: hello });
    expect(result).toMatchObject({ content: "fresh", cached: false });
  });

  it("says which settings are missing when a role has no model", async () => {
    const client = createLlmClient(doubleConfig(double.url, { defaultModel: undefined }));
    const error = await client.chat({ role: "user", messages: hello }).catch((e) => e);
    expect(isDomainError(error) && error.code).toBe("invalid");
    expect(error.message).toContain("FLYWHEEL_LLM_MODEL_USER");
    expect(double.requests).toHaveLength(0);
  });
});
