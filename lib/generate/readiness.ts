import { redactConfig, resolveRole, type LlmConfig, type LlmRole } from "@/lib/llm/config";

export interface LlmReadiness {
  role: LlmRole;
  configured: boolean;
  /** Without credentials. */
  baseUrl: string | null;
  model: string | null;
  hasKey: boolean;
  /** What is missing, each saying where to set it. */
  missing: string[];
}

/** Whether a role can be called, and if not, exactly what to set (for the Generate page and errors). */
export function llmReadiness(config: LlmConfig, role: LlmRole = "writer"): LlmReadiness {
  const redacted = redactConfig(config);
  const model = resolveRole(config, role).model ?? null;
  const missing: string[] = [];
  if (!config.baseUrl) missing.push("a base URL: set FLYWHEEL_LLM_BASE_URL or save one on the Settings page");
  if (!model) missing.push(`a model for the ${role} role: set FLYWHEEL_LLM_MODEL (or FLYWHEEL_LLM_MODEL_${role.toUpperCase()}) or save one on the Settings page`);
  return { role, configured: missing.length === 0, baseUrl: redacted.baseUrl ?? null, model, hasKey: redacted.hasKey, missing };
}
