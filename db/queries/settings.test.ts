import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../client";
import { settings } from "../schema-settings";
import { getStoredLlmSettings, putSetting, saveLlmSettings } from "./settings";
import { clearLlmCache, llmCacheStats, SqliteLlmCache } from "./llm-cache";
import { getPersonasByIds, insertPersonas, listPersonas } from "./personas";

describe("settings queries", () => {
  it("replaces the stored LLM settings but keeps the stored key unless a new one is given or it is cleared", () => {
    const db = openDb(":memory:");
    expect(getStoredLlmSettings({ db })).toEqual({});
    saveLlmSettings({ db, next: { baseUrl: "http://127.0.0.1:8000/v1", apiKey: "sk-one", defaultModel: "m1", maxConcurrency: 4 } });
    saveLlmSettings({ db, next: { baseUrl: "http://127.0.0.1:8000/v1", defaultModel: "m2" } });
    expect(getStoredLlmSettings({ db })).toEqual({ baseUrl: "http://127.0.0.1:8000/v1", defaultModel: "m2", apiKey: "sk-one" });
    saveLlmSettings({ db, next: { defaultModel: "m2", apiKey: "sk-two" } });
    expect(getStoredLlmSettings({ db }).apiKey).toBe("sk-two");
    saveLlmSettings({ db, next: { defaultModel: "m2", apiKey: "sk-three" }, clearKey: true });
    expect(getStoredLlmSettings({ db })).toEqual({ defaultModel: "m2" });
  });

  it("rejects invalid settings naming the field, and reports a corrupt stored row", () => {
    const db = openDb(":memory:");
    expect(() => saveLlmSettings({ db, next: { baseUrl: "not a url" } })).toThrow(/baseUrl/);
    putSetting({ db, key: "llm", value: { maxConcurrency: "lots" } });
    expect(() => getStoredLlmSettings({ db })).toThrow(/stored LLM settings are invalid \(maxConcurrency/);
    expect(db.select().from(settings).all()).toHaveLength(1);
  });
});

describe("SqliteLlmCache", () => {
  it("stores JSON by key, counts hits, and treats a corrupt row as a miss", async () => {
    const db = openDb(":memory:");
    const cache = new SqliteLlmCache(db);
    expect(cache.get("k")).toBeUndefined();
    cache.set("k", { content: "hi", toolCalls: [] });
    cache.set("k", { content: "again", toolCalls: [] });
    expect(cache.get("k")).toEqual({ content: "again", toolCalls: [] });
    expect(llmCacheStats({ db })).toEqual({ entries: 1, hits: 1 });
    db.run(sql`insert into llm_cache (key, value, created_at) values ('bad', '{oops', 'now')`);
    expect(cache.get("bad")).toBeUndefined();
    expect(clearLlmCache({ db })).toBe(2);
  });
});

describe("persona queries", () => {
  it("inserts with a source and names missing ids", () => {
    const db = openDb(":memory:");
    insertPersonas({ db, items: [{ id: "b", persona: "B" }, { id: "a", persona: "A" }], source: "file.jsonl" });
    expect(listPersonas({ db }).map((p) => [p.id, p.source])).toEqual([["a", "file.jsonl"], ["b", "file.jsonl"]]);
    expect(getPersonasByIds({ db, ids: ["a", "a"] }).size).toBe(1);
    expect(() => getPersonasByIds({ db, ids: ["a", "zz"] })).toThrow('No persona with id "zz"');
  });
});
