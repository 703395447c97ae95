import { z } from "zod";
import { DomainError } from "@/lib/errors";

/**
 * Provider settings. One OpenAI-compatible endpoint (vLLM, SGLang, Ollama, llama.cpp server,
 * OpenAI, DashScope …) serves four roles, each with its own model and sampling settings.
 * Precedence: built-in defaults < environment variables < stored settings (what an admin saved
 * in the studio), so a change made in the UI takes effect without a restart.
 * Server-side only: the config holds the API key; send `redactConfig(config)` to the browser.
 */
export const LLM_ROLES = ["expander", "writer", "user", "judge"] as const;
export const LlmRole = z.enum(LLM_ROLES);
export type LlmRole = z.infer<typeof LlmRole>;

/** US dollars per one million tokens. */
export const ModelPrice = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() });
export type ModelPrice = z.infer<typeof ModelPrice>;

export const RoleSettings = z.object({
  /** Falls back to `defaultModel`. */
  model: z.string().trim().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().optional(),
});
export type RoleSettings = z.infer<typeof RoleSettings>;

export const StructuredMode = z.enum(["json_schema", "json_object", "prompt"]);
export type StructuredMode = z.infer<typeof StructuredMode>;

/** Every field a deployment can set; none has a default, so stored settings override only what they hold. */
const settingsFields = {
  baseUrl: z.url(),
  apiKey: z.string().min(1),
  defaultModel: z.string().trim().min(1),
  roles: z.partialRecord(LlmRole, RoleSettings),
  maxConcurrency: z.number().int().min(1).max(512),
  /** Successes needed before the AIMD limiter adds one slot back after a 429. */
  increaseAfter: z.number().int().min(1),
  timeoutMs: z.number().int().positive(),
  maxAttempts: z.number().int().min(1).max(20),
  retryBaseDelayMs: z.number().int().nonnegative(),
  retryMaxDelayMs: z.number().int().nonnegative(),
  /** A retry-after longer than this fails the call instead of parking a worker for it. */
  maxRetryAfterMs: z.number().int().nonnegative(),
  /** How structured output is requested; `prompt` for servers that reject response_format. */
  structuredMode: StructuredMode,
  /** Newer OpenAI models take only max_completion_tokens; most local servers take both. */
  maxTokensField: z.enum(["max_tokens", "max_completion_tokens"]),
  prices: z.record(z.string(), ModelPrice),
};

/** What the DB stores and the settings form sends: any subset of the fields. */
export const LlmSettings = z.object(settingsFields).partial();
export type LlmSettings = z.infer<typeof LlmSettings>;

export const LlmConfig = z.object({
  ...settingsFields,
  baseUrl: settingsFields.baseUrl.optional(),
  apiKey: settingsFields.apiKey.optional(),
  defaultModel: settingsFields.defaultModel.optional(),
  roles: settingsFields.roles.default({}),
  maxConcurrency: settingsFields.maxConcurrency.default(8),
  increaseAfter: settingsFields.increaseAfter.default(10),
  timeoutMs: settingsFields.timeoutMs.default(120_000),
  maxAttempts: settingsFields.maxAttempts.default(5),
  retryBaseDelayMs: settingsFields.retryBaseDelayMs.default(500),
  retryMaxDelayMs: settingsFields.retryMaxDelayMs.default(30_000),
  maxRetryAfterMs: settingsFields.maxRetryAfterMs.default(120_000),
  structuredMode: settingsFields.structuredMode.default("json_schema"),
  maxTokensField: settingsFields.maxTokensField.default("max_tokens"),
  prices: settingsFields.prices.default({}),
});
export type LlmConfig = z.infer<typeof LlmConfig>;

const ROLE_DEFAULTS: Record<LlmRole, { temperature: number; maxTokens: number }> = {
  expander: { temperature: 0.2, maxTokens: 8192 },
  writer: { temperature: 0.7, maxTokens: 2048 },
  user: { temperature: 0.7, maxTokens: 1024 },
  judge: { temperature: 0, maxTokens: 2048 },
};

export interface ResolvedRole {
  model: string | undefined;
  temperature: number;
  maxTokens: number;
}

export function resolveRole(config: LlmConfig, role: LlmRole): ResolvedRole {
  const own = config.roles[role] ?? {};
  return {
    model: own.model ?? config.defaultModel,
    temperature: own.temperature ?? ROLE_DEFAULTS[role].temperature,
    maxTokens: own.maxTokens ?? ROLE_DEFAULTS[role].maxTokens,
  };
}

/** A key is optional: local servers (vLLM, Ollama, llama.cpp) usually run without one. */
export function isConfigured(config: LlmConfig, role: LlmRole): boolean {
  return Boolean(config.baseUrl && resolveRole(config, role).model);
}

type Env = Record<string, string | undefined>;

function fromEnv(env: Env): LlmSettings {
  const text = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const int = (name: string) => {
    const raw = text(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n)) throw new DomainError("invalid", `${name}: expected an integer, got "${raw}"`, { field: name });
    return n;
  };
  const roles: Partial<Record<LlmRole, RoleSettings>> = {};
  for (const role of LLM_ROLES) {
    const model = text(`FLYWHEEL_LLM_MODEL_${role.toUpperCase()}`);
    if (model) roles[role] = { model };
  }
  let prices: unknown;
  const pricesRaw = text("FLYWHEEL_LLM_PRICES");
  if (pricesRaw) {
    try {
      prices = JSON.parse(pricesRaw);
    } catch (e) {
      throw new DomainError("invalid", `FLYWHEEL_LLM_PRICES: not valid JSON (${(e as Error).message})`, { field: "FLYWHEEL_LLM_PRICES" });
    }
  }
  return {
    baseUrl: text("FLYWHEEL_LLM_BASE_URL"),
    apiKey: text("FLYWHEEL_LLM_API_KEY"),
    defaultModel: text("FLYWHEEL_LLM_MODEL"),
    roles,
    maxConcurrency: int("FLYWHEEL_LLM_MAX_CONCURRENCY"),
    timeoutMs: int("FLYWHEEL_LLM_TIMEOUT_MS"),
    prices: prices as LlmSettings["prices"],
  };
}

const dropUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

/** Environment, then stored settings on top; roles and prices merge key by key. */
export function loadLlmConfig(opts: { env?: Env; stored?: LlmSettings } = {}): LlmConfig {
  const env = dropUndefined(fromEnv(opts.env ?? process.env));
  const stored = dropUndefined(opts.stored ?? {});
  const roles: Partial<Record<LlmRole, RoleSettings>> = {};
  for (const role of LLM_ROLES) {
    const merged = { ...env.roles?.[role], ...dropUndefined(stored.roles?.[role] ?? {}) };
    if (Object.keys(merged).length) roles[role] = merged;
  }
  const candidate = { ...env, ...stored, roles, prices: { ...env.prices, ...stored.prices } };
  const parsed = LlmConfig.safeParse(candidate);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new DomainError("invalid", `LLM settings are invalid: ${issues.join("; ")}`, { issues });
  }
  return parsed.data;
}

/** A copy safe for the browser: the key becomes `hasKey`, and credentials in the URL go too. */
export type RedactedLlmConfig = Omit<LlmConfig, "apiKey"> & { hasKey: boolean };

export function redactConfig(config: LlmConfig): RedactedLlmConfig {
  const { apiKey, ...rest } = config;
  const copy = structuredClone(rest);
  if (copy.baseUrl) {
    const url = new URL(copy.baseUrl);
    if (url.username || url.password) {
      url.username = "";
      url.password = "";
      copy.baseUrl = url.toString();
    }
  }
  return { ...copy, hasKey: Boolean(apiKey) };
}
