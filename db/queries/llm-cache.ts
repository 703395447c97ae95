import { count, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { llmCache } from "../schema-settings";
import type { Json, LlmCache } from "@/lib/llm/cache";

/**
 * lib/llm's response cache in SQLite, shared by every job and process on the database: a re-run
 * (a resumed job, a retried item, the same preview twice) is answered from here. A row that is
 * not valid JSON reads as a miss; the client validates the shape of what it gets.
 */
export class SqliteLlmCache implements LlmCache {
  constructor(private readonly db: Db) {}

  get(key: string): Json | undefined {
    const row = this.db.select({ value: llmCache.value }).from(llmCache).where(eq(llmCache.key, key)).get();
    if (!row) return undefined;
    try {
      const value = JSON.parse(row.value) as Json;
      this.db.update(llmCache).set({ hits: sql`${llmCache.hits} + 1` }).where(eq(llmCache.key, key)).run();
      return value;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: Json): void {
    const text = JSON.stringify(value);
    this.db.insert(llmCache).values({ key, value: text }).onConflictDoUpdate({ target: llmCache.key, set: { value: text } }).run();
  }
}

export function llmCacheStats({ db }: { db: Db }): { entries: number; hits: number } {
  const row = db.select({ entries: count(), hits: sql<number>`coalesce(sum(${llmCache.hits}), 0)` }).from(llmCache).get()!;
  return { entries: row.entries, hits: Number(row.hits) };
}

export function clearLlmCache({ db }: { db: Db }): number {
  return db.delete(llmCache).run().changes;
}
