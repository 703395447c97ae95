import { DomainError } from "@/lib/errors";
import { createLlmClient, LlmConfig, type LlmClient } from "@/lib/llm";
import type { Solver } from "./harden/agreement";

/**
 * Solver models from specs: "qwen3-8b" (a model on the configured endpoint) or
 * "qwen3-8b@http://host:8000/v1" (a model on its own OpenAI-compatible endpoint).
 */
export function solversFromSpecs(specs: string[], base: LlmConfig, makeClient: (config: LlmConfig) => LlmClient = createLlmClient): Solver[] {
  return specs.map((spec) => {
    const at = spec.lastIndexOf("@");
    const model = (at > 0 ? spec.slice(0, at) : spec).trim();
    const baseUrl = at > 0 ? spec.slice(at + 1).trim() : base.baseUrl;
    if (!model) throw new DomainError("invalid", `solver "${spec}" names no model`, { field: "solvers" });
    if (!baseUrl) throw new DomainError("invalid", `solver "${spec}" has no endpoint: add @URL or set the provider's base URL`, { field: "solvers" });
    const config = LlmConfig.parse({ ...base, baseUrl, defaultModel: model, roles: {} });
    return { name: at > 0 ? spec : model, client: makeClient(config) };
  });
}
