import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { settings } from "../schema-settings";
import { DomainError } from "@/lib/errors";
import { LlmSettings } from "@/lib/llm/config";

export function getSetting({ db, key }: { db: Db; key: string }): unknown {
  return db.select({ value: settings.value }).from(settings).where(eq(settings.key, key)).get()?.value;
}

export function putSetting({ db, key, value }: { db: Db; key: string; value: unknown }): void {
  const updatedAt = new Date().toISOString();
  db.insert(settings).values({ key, value, updatedAt }).onConflictDoUpdate({ target: settings.key, set: { value, updatedAt } }).run();
}

const LLM_KEY = "llm";

/** The LLM settings an admin saved (empty when none). They were validated on save; a bad row is reported, not ignored. */
export function getStoredLlmSettings({ db }: { db: Db }): LlmSettings {
  const raw = getSetting({ db, key: LLM_KEY });
  if (raw === undefined) return {};
  const parsed = LlmSettings.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new DomainError("invalid", `The stored LLM settings are invalid (${issues}); save them again on the Settings page.`);
  }
  return parsed.data;
}

/**
 * Replaces the stored LLM settings with `next` (the whole form). The API key is the exception: an
 * update without one keeps the stored key, and only `clearKey` removes it, so the browser never
 * needs to see the key to save the form.
 */
export function saveLlmSettings({ db, next, clearKey = false }: { db: Db; next: LlmSettings; clearKey?: boolean }): LlmSettings {
  const current = getStoredLlmSettings({ db });
  const { apiKey: _drop, ...rest } = LlmSettings.parse(next);
  const apiKey = clearKey ? undefined : (next.apiKey ?? current.apiKey);
  const value: LlmSettings = { ...rest, ...(apiKey ? { apiKey } : {}) };
  putSetting({ db, key: LLM_KEY, value });
  return value;
}
