import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import type { LlmFailureKind } from "./errors";

export interface FailureInfo {
  kind: LlmFailureKind;
  retryable: boolean;
  status: number | undefined;
  providerMessage: string | undefined;
  /** What the provider asked us to wait, from retry-after-ms / retry-after. */
  retryAfterMs: number | undefined;
}

/**
 * `retry-after-ms` (OpenAI's, milliseconds) wins over `retry-after` (seconds or an HTTP date).
 * Unreadable or negative values count as absent.
 */
export function parseRetryAfter(headers: Headers | undefined, now = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers?.get("retry-after")?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Number(raw) * 1000;
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(max, base·2^(failures-1))]. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return random() * Math.min(maxMs, baseMs * 2 ** (failures - 1));
}

function providerMessageOf(err: APIError): string | undefined {
  const body = err.error as unknown;
  if (typeof body === "string") return body;
  if (body && typeof body === "object" && typeof (body as { message?: unknown }).message === "string") {
    return (body as { message: string }).message;
  }
  return undefined;
}

/** Classifies an SDK error; null for anything that is not one (a bug, a caller's abort): rethrow those. */
export function describeFailure(err: unknown, now = Date.now()): FailureInfo | null {
  if (err instanceof APIUserAbortError || !(err instanceof APIError)) return null;
  const base = { status: undefined, providerMessage: undefined, retryAfterMs: undefined };
  if (err instanceof APIConnectionTimeoutError) return { ...base, kind: "timeout", retryable: true };
  if (err instanceof APIConnectionError) return { ...base, kind: "connection", retryable: true, providerMessage: err.message };
  const status = err.status;
  const info = { status, providerMessage: providerMessageOf(err), retryAfterMs: parseRetryAfter(err.headers, now) };
  if (status === 429) return { ...info, kind: "rate_limit", retryable: true };
  if (status === 408) return { ...info, kind: "timeout", retryable: true };
  if (status !== undefined && status >= 500) return { ...info, kind: "server", retryable: true };
  return { ...info, kind: "rejected", retryable: false };
}

/** Servers disagree on the error body; reshape the common variants into OpenAI's `{error: {message}}`. */
export function normalizeErrorBody(body: unknown): unknown {
  if (!body || typeof body !== "object") return body;
  const b = body as Record<string, unknown>;
  if (typeof b.error === "string") return { ...b, error: { message: b.error } }; // Ollama, llama.cpp
  if (b.error && typeof b.error === "object") return body; // OpenAI, DashScope compatible mode
  if (typeof b.message === "string") return { error: { message: b.message, type: b.type, code: b.code } }; // vLLM
  if (typeof b.detail === "string") return { error: { message: b.detail } }; // FastAPI-based servers
  return body;
}
