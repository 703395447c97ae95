import { checkAgentSpec, resolveAgent, type AgentDeps, type AgentSpec } from "@/lib/eval/agents";
import { DomainError } from "@/lib/errors";
import { agentConfig, createOpenAiAgent } from "@/lib/eval/openai-agent";
import { createLlmClient } from "@/lib/llm";
import { referenceFactory, type AgentFactory } from "./flywheel";

export const PROBLEM_POLICY_FORMS = "oracle, budget:<n>, openai:<model>, builtin:<checkpoint-dir> or trl:<checkpoint-dir>";

/** Checks a non-reference policy (the spec's form, a checkpoint directory, a configured provider), naming the problem forms. */
function checkAgent(spec: string, deps: Pick<AgentDeps, "llmConfig">): AgentSpec {
  try {
    return checkAgentSpec(spec, deps);
  } catch (e) {
    if (e instanceof DomainError && e.message.startsWith("Unknown agent")) throw new DomainError("invalid", `Unknown agent "${spec}": use ${PROBLEM_POLICY_FORMS}.`, { field: "agent" });
    throw e;
  }
}

/** Checks a problem policy before a job starts. */
export function checkProblemPolicy(spec: string, deps: Pick<AgentDeps, "llmConfig"> = {}): void {
  if (!referenceFactory(spec)) checkAgent(spec, deps);
}

/**
 * The agents that play problems for a policy spec: a reference solver (oracle, budget:<n>), an
 * OpenAI-compatible model (seeded per trial, so k samples differ), or a trained checkpoint
 * (builtin:<dir>, trl:<dir>) loaded once through the eval harness.
 */
export async function problemAgents(spec: string, deps: AgentDeps = {}): Promise<AgentFactory> {
  const reference = referenceFactory(spec);
  if (reference) return reference;
  const parsed = checkAgent(spec, deps);
  if (parsed.kind === "openai") {
    const client = (deps.llmClient ?? createLlmClient)(agentConfig(deps.llmConfig!, parsed.model));
    return (_problem, trial) => createOpenAiAgent(client, parsed.model, { seed: trial, usageKeys: deps.usageKeys });
  }
  const agent = await resolveAgent(spec, deps);
  return () => agent;
}
