import { describe, expect, it } from "vitest";
import { backoffDelay, normalizeErrorBody, parseRetryAfter } from "./retry";
import { canonicalJson, cacheKey } from "./cache";

const headers = (h: Record<string, string>) => new Headers(h);

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads seconds, milliseconds and HTTP dates", () => {
    expect(parseRetryAfter(headers({ "retry-after": "2" }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ "retry-after": "0.05" }), now)).toBe(50);
    expect(parseRetryAfter(headers({ "retry-after-ms": "250", "retry-after": "9" }), now)).toBe(250);
    expect(parseRetryAfter(headers({ "retry-after": "Thu, 01 Jan 2026 00:00:03 GMT" }), now)).toBe(3000);
    expect(parseRetryAfter(headers({ "retry-after": "Wed, 31 Dec 2025 23:59:00 GMT" }), now)).toBe(0);
  });
  it("ignores absent or unreadable values", () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after": "soon" }), now)).toBeUndefined();
    expect(parseRetryAfter(headers({ "retry-after-ms": "-5" }), now)).toBeUndefined();
  });
});

describe("backoffDelay", () => {
  it("doubles the ceiling per failure, caps it, and jitters over the full range", () => {
    expect(backoffDelay(1, 100, 1000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 1000, () => 1)).toBe(400);
    expect(backoffDelay(10, 100, 1000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 100, 1000, () => 0)).toBe(0);
    expect(backoffDelay(3, 100, 1000, () => 0.5)).toBe(200);
  });
});

describe("normalizeErrorBody", () => {
  it("reshapes vLLM, Ollama and FastAPI bodies into OpenAI's", () => {
    expect(normalizeErrorBody({ object: "error", message: "bad", type: "BadRequestError", code: 400 })).toEqual({ error: { message: "bad", type: "BadRequestError", code: 400 } });
    expect(normalizeErrorBody({ error: "no model" })).toEqual({ error: { message: "no model" } });
    expect(normalizeErrorBody({ detail: "nope" })).toEqual({ error: { message: "nope" } });
    const openai = { error: { message: "m", type: "t", code: null } };
    expect(normalizeErrorBody(openai)).toBe(openai);
  });
});

describe("cache keys", () => {
  it("ignore key order and undefined fields, and change with any parameter", () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe('{"a":{"c":[2,{"y":2,"z":1}]},"b":1}');
    const base = { model: "m", messages: [{ role: "user", content: "hi" }], parameters: { temperature: 0, seed: 1 } };
    expect(cacheKey(base)).toBe(cacheKey({ ...base, tools: undefined, parameters: { seed: 1, temperature: 0 } }));
    expect(cacheKey(base)).not.toBe(cacheKey({ ...base, parameters: { temperature: 0, seed: 2 } }));
    expect(cacheKey(base)).not.toBe(cacheKey({ ...base, model: "m2" }));
    expect(cacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });
});
