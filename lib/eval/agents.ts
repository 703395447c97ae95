import fs from "node:fs";
import { DomainError } from "@/lib/errors";
import { createLlmClient, isConfigured, type LlmClient, type LlmConfig } from "@/lib/llm";
import type { Agent } from "@/lib/rollout";
import { AGENT_ROLE, agentConfig, createOpenAiAgent } from "./openai-agent";
import { referenceAgent, REFERENCE_AGENTS, type ReferenceAgentName } from "./reference-agents";
import type { EvalAgent } from "./run";

export type AgentSpec =
  | { kind: "openai"; model: string }
  | { kind: "builtin" | "trl"; dir: string }
  | { kind: "oracle" }
  | { kind: "hack" };

export const AGENT_SPEC_FORMS = "openai:<model>, builtin:<checkpoint-dir>, trl:<checkpoint-dir>, oracle or hack";

/** Reads an agent spec ("openai:qwen3-8b", "builtin:data/runs/3/step-20", "oracle"). */
export function parseAgentSpec(spec: string): AgentSpec {
  const text = spec.trim();
  if ((REFERENCE_AGENTS as readonly string[]).includes(text)) return { kind: text as ReferenceAgentName } as AgentSpec;
  const colon = text.indexOf(":");
  const prefix = colon > 0 ? text.slice(0, colon) : "";
  const rest = text.slice(colon + 1).trim();
  if (prefix && !rest) throw new DomainError("invalid", `Agent "${spec}" names no ${prefix === "openai" ? "model" : "checkpoint directory"} after "${prefix}:".`, { field: "agent" });
  if (prefix === "openai") return { kind: "openai", model: rest };
  if (prefix === "builtin" || prefix === "trl") return { kind: prefix, dir: rest };
  throw new DomainError("invalid", `Unknown agent "${spec}": use ${AGENT_SPEC_FORMS}.`, { field: "agent" });
}

export interface AgentDeps {
  /** Provider settings for openai: agents (the studio's configured endpoint). */
  llmConfig?: LlmConfig;
  /** Makes the client for a config; default createLlmClient without a cache (the studio passes its shared, cached client). */
  llmClient?: (config: LlmConfig) => LlmClient;
  /** Usage scopes for the model's calls. */
  usageKeys?: string[];
  /** Checkpoint loaders; default the trainers' own modules, imported when first needed. */
  loadBuiltin?: (dir: string) => Promise<Agent>;
  loadTrl?: (dir: string) => Promise<Agent>;
}

// The trainers' modules are written alongside this one; the specifiers are widened to `string` so a
// build without one still type-checks (the bundlers see the literal once types are erased).
type BuiltinModule = { loadBuiltinAgent(dir: string): Promise<Agent> };
type TrlModule = { loadTrlAgent(dir: string): Promise<Agent> };
const LOADERS = {
  builtin: async (dir: string) => ((await import("@/lib/train/builtin/agent" as string)) as BuiltinModule).loadBuiltinAgent(dir),
  trl: async (dir: string) => ((await import("@/lib/train/trl/agent" as string)) as TrlModule).loadTrlAgent(dir),
};

/** Checks what can be checked before a job starts: the spec, a checkpoint directory, a configured provider. */
export function checkAgentSpec(spec: string, deps: Pick<AgentDeps, "llmConfig"> = {}): AgentSpec {
  const parsed = parseAgentSpec(spec);
  if ((parsed.kind === "builtin" || parsed.kind === "trl") && !fs.existsSync(parsed.dir)) {
    throw new DomainError("not_found", `Checkpoint directory "${parsed.dir}" (agent ${spec}) does not exist.`, { field: "agent" });
  }
  if (parsed.kind === "openai" && !(deps.llmConfig && isConfigured(agentConfig(deps.llmConfig, parsed.model), AGENT_ROLE))) {
    throw new DomainError("invalid", `Agent ${spec} needs an OpenAI-compatible provider: set its base URL on the Settings page (or FLYWHEEL_LLM_BASE_URL).`, { field: "agent" });
  }
  return parsed;
}

/** The agent a spec names, ready to act. */
export async function resolveAgent(spec: string, deps: AgentDeps = {}): Promise<EvalAgent> {
  const parsed = checkAgentSpec(spec, deps);
  if (parsed.kind === "oracle" || parsed.kind === "hack") return referenceAgent(parsed.kind);
  if (parsed.kind === "openai") {
    const config = agentConfig(deps.llmConfig!, parsed.model);
    return createOpenAiAgent((deps.llmClient ?? createLlmClient)(config), parsed.model, { usageKeys: deps.usageKeys });
  }
  const load = (parsed.kind === "builtin" ? deps.loadBuiltin : deps.loadTrl) ?? LOADERS[parsed.kind];
  const trainer = parsed.kind === "builtin" ? "built-in" : "TRL";
  try {
    return await load(parsed.dir);
  } catch (e) {
    const message = (e as Error).message ?? String(e);
    const loaderModule = `lib/train/${parsed.kind}/agent`;
    if (message.includes(loaderModule)) throw new DomainError("invalid", `Agent ${spec}: the ${trainer} trainer's agent loader (${loaderModule}) is not part of this build.`, { field: "agent" });
    throw new DomainError("invalid", `Cannot load agent ${spec} with the ${trainer} trainer's loader: ${message}`, { field: "agent" });
  }
}
