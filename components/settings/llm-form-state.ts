import { LLM_ROLES, type LlmRole, type LlmSettings, type StructuredMode } from "@/lib/llm/config";
import type { StoredLlmView } from "@/app/api/settings/llm/view";
import type { LlmSettingsDraft } from "./use-llm-settings";

/** The settings form as typed: text everywhere, empty meaning "not set here" (the environment or a default applies). */
export type RoleRow = { model: string; temperature: string; maxTokens: string };
export type PriceRow = { model: string; input: string; output: string };
export type LlmForm = {
  baseUrl: string;
  apiKey: string;
  clearKey: boolean;
  defaultModel: string;
  roles: Record<LlmRole, RoleRow>;
  maxConcurrency: string;
  timeoutSeconds: string;
  structuredMode: "" | StructuredMode;
  prices: PriceRow[];
};

const text = (v: number | string | undefined) => (v === undefined ? "" : String(v));

export function formFromStored(stored: StoredLlmView): LlmForm {
  const roles = Object.fromEntries(
    LLM_ROLES.map((r) => [r, { model: text(stored.roles?.[r]?.model), temperature: text(stored.roles?.[r]?.temperature), maxTokens: text(stored.roles?.[r]?.maxTokens) }]),
  ) as Record<LlmRole, RoleRow>;
  return {
    baseUrl: text(stored.baseUrl),
    apiKey: "",
    clearKey: false,
    defaultModel: text(stored.defaultModel),
    roles,
    maxConcurrency: text(stored.maxConcurrency),
    timeoutSeconds: stored.timeoutMs === undefined ? "" : String(stored.timeoutMs / 1000),
    structuredMode: stored.structuredMode ?? "",
    prices: Object.entries(stored.prices ?? {}).map(([model, p]) => ({ model, input: String(p.input), output: String(p.output) })),
  };
}

/** A number the server will check; text that is not a number goes through as NaN → null, which the server names. */
const num = (s: string) => (s.trim() === "" ? undefined : Number(s));
const str = (s: string) => (s.trim() === "" ? undefined : s.trim());
const drop = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** The PUT body: the form's fields over the stored ones it does not show (retries, AIMD, …). */
export function draftFromForm(form: LlmForm, stored: StoredLlmView): LlmSettingsDraft {
  const { hasKey: _h, ...hidden } = stored;
  const roles: LlmSettings["roles"] = {};
  for (const r of LLM_ROLES) {
    const row = drop({ model: str(form.roles[r].model), temperature: num(form.roles[r].temperature), maxTokens: num(form.roles[r].maxTokens) });
    if (Object.keys(row).length) roles[r] = row;
  }
  const prices = Object.fromEntries(form.prices.filter((p) => p.model.trim()).map((p) => [p.model.trim(), { input: Number(p.input || 0), output: Number(p.output || 0) }]));
  const timeout = num(form.timeoutSeconds);
  const settings = drop({
    ...hidden,
    baseUrl: str(form.baseUrl),
    defaultModel: str(form.defaultModel),
    roles,
    maxConcurrency: num(form.maxConcurrency),
    timeoutMs: timeout === undefined ? undefined : Math.round(timeout * 1000),
    structuredMode: form.structuredMode || undefined,
    prices,
  });
  return { settings, apiKey: str(form.apiKey), clearKey: form.clearKey || undefined };
}
