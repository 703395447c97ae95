import type { Db } from "@/db/client";
import { llmCacheStats } from "@/db/queries/llm-cache";
import { getStoredLlmSettings } from "@/db/queries/settings";
import { llmReadiness, type LlmReadiness } from "@/lib/generate/readiness";
import { isDomainError } from "@/lib/errors";
import { LLM_ROLES, loadLlmConfig, type LlmSettings, type RedactedLlmConfig, redactConfig } from "@/lib/llm/config";

/** Stored settings as the form edits them: the key becomes `hasKey`, URL credentials go. */
export type StoredLlmView = Omit<LlmSettings, "apiKey"> & { hasKey: boolean };

export interface LlmSettingsView {
  /** What runs: defaults < environment < stored. Null when the environment or store is invalid (`error` says why). */
  effective: RedactedLlmConfig | null;
  error: string | null;
  stored: StoredLlmView;
  readiness: Record<string, LlmReadiness>;
  cache: { entries: number; hits: number };
}

function redactStored(stored: LlmSettings): StoredLlmView {
  const { apiKey, ...rest } = stored;
  const view: StoredLlmView = { ...structuredClone(rest), hasKey: Boolean(apiKey) };
  if (view.baseUrl) {
    const url = new URL(view.baseUrl);
    if (url.username || url.password) view.baseUrl = Object.assign(url, { username: "", password: "" }).toString();
  }
  return view;
}

/** The one body every settings route answers with; it never holds the API key. */
export function llmSettingsView(db: Db): LlmSettingsView {
  const cache = llmCacheStats({ db });
  let stored: LlmSettings = {};
  try {
    stored = getStoredLlmSettings({ db });
    const config = loadLlmConfig({ stored });
    const readiness = Object.fromEntries(LLM_ROLES.map((role) => [role, llmReadiness(config, role)]));
    return { effective: redactConfig(config), error: null, stored: redactStored(stored), readiness, cache };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { effective: null, error: e.message, stored: redactStored(stored), readiness: {}, cache };
  }
}
