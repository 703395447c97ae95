import type { AssistantMessage } from "@/lib/chat/schema";
import type { LlmClient, LlmConfig, LlmRole } from "@/lib/llm";
import type { EvalAgent } from "./run";

/**
 * The settings have no agent role, so the agent under test borrows the writer's: its sampling
 * settings (temperature, max tokens) and its place in usage reports, with the model named in the
 * agent spec in place of the writer's model.
 */
export const AGENT_ROLE: LlmRole = "writer";

/** The provider settings with `model` as the agent role's model. */
export function agentConfig(config: LlmConfig, model: string): LlmConfig {
  return { ...config, roles: { ...config.roles, [AGENT_ROLE]: { ...config.roles[AGENT_ROLE], model } } };
}

export interface OpenAiAgentOptions {
  /** Sent with every request (and part of the cache key); a trial's own agent uses the trial. */
  seed?: number;
  /** Usage scopes for the calls (a job item's key). */
  usageKeys?: string[];
}

/**
 * An OpenAI-compatible chat model with tool calling, through the studio's client (retries, AIMD
 * concurrency, cache). `client` must have `model` configured for AGENT_ROLE (agentConfig). Each
 * trial gets its own seed, so k trials are k samples and a re-run of the same evaluation answers
 * from the cache.
 */
export function createOpenAiAgent(client: LlmClient, model: string, options: OpenAiAgentOptions = {}): EvalAgent {
  const name = `openai:${model}`;
  return {
    name,
    async act(messages, tools, signal) {
      const result = await client.chat({ role: AGENT_ROLE, messages, tools, seed: options.seed, signal, usageKeys: options.usageKeys });
      const message: AssistantMessage = { role: "assistant", content: result.content ?? (result.toolCalls.length ? null : "") };
      if (result.toolCalls.length) message.tool_calls = result.toolCalls;
      return message;
    },
    forTrial: (_task, trial) => createOpenAiAgent(client, model, { ...options, seed: trial }),
  };
}
