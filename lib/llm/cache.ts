import { createHash } from "node:crypto";

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * A response cache. Values are plain JSON so any store fits (memory here, a SQLite table in
 * db/). Either method may be sync or async; the client validates what `get` returns and treats
 * anything malformed as a miss.
 */
export interface LlmCache {
  get(key: string): Json | undefined | Promise<Json | undefined>;
  set(key: string, value: Json): void | Promise<void>;
}

/** JSON with object keys sorted at every depth and undefined fields dropped: equal data, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** The cache key of a request: everything that can change the answer (model, messages, tools, sampling, schema). */
export function cacheKey(request: {
  model: string;
  messages: unknown;
  tools?: unknown;
  responseFormat?: unknown;
  parameters: Record<string, unknown>;
}): string {
  return createHash("sha256").update(canonicalJson(request)).digest("hex");
}

/** An in-process cache (tests, benches, one-off CLI runs). Stores copies, so callers cannot alias entries. */
export class MemoryLlmCache implements LlmCache {
  private readonly entries = new Map<string, string>();

  get(key: string): Json | undefined {
    const text = this.entries.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as Json);
  }

  set(key: string, value: Json): void {
    this.entries.set(key, JSON.stringify(value));
  }

  get size(): number {
    return this.entries.size;
  }
}
