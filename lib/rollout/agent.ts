import type { AssistantMessage, ChatMessage } from "@/lib/chat/schema";
import type { OpenAITool } from "@/lib/sim";
import type { AnyEpisodeTask, EpisodeOptions } from "./episode";
import { openEpisode, type AnyEpisode } from "./open";

/**
 * Anything that plays the agent side: an OpenAI-compatible model, the built-in policy, a TRL
 * checkpoint served by its worker. It sees the conversation so far and the tools, and answers
 * with one assistant message (text, or tool calls).
 */
export interface Agent {
  /** A short label for reports ("openai:qwen3-8b", "builtin:data/checkpoints/run-3/step-20"). */
  readonly name: string;
  act(messages: ChatMessage[], tools: OpenAITool[], signal?: AbortSignal): Promise<AssistantMessage>;
}

export interface RolloutResult {
  messages: ChatMessage[];
  reward: number;
  components: { db: number; forbidden: number; outcome: number };
  endReason: string;
  agentTurns: number;
  toolCalls: number;
}

/** Resets an opened episode and lets the agent act until it is done; returns the tool calls the agent made. */
export async function playEpisode(agent: Agent, episode: AnyEpisode, signal?: AbortSignal): Promise<number> {
  await episode.reset();
  let toolCalls = 0;
  while (!episode.done) {
    signal?.throwIfAborted();
    const message = await agent.act([...episode.messages], episode.tools, signal);
    toolCalls += message.tool_calls?.length ?? 0;
    await episode.step(message);
  }
  return toolCalls;
}

/** Plays one episode to the end: the agent acts until the user stops (a problem: it answers) or the turn limit is hit. */
export async function runEpisode(agent: Agent, task: AnyEpisodeTask, options: EpisodeOptions & { signal?: AbortSignal } = {}): Promise<RolloutResult> {
  const episode = openEpisode(task, options);
  const toolCalls = await playEpisode(agent, episode, options.signal);
  const score = episode.score();
  return { messages: episode.messages, reward: score.reward, components: score.components, endReason: episode.endReason ?? "", agentTurns: episode.agentTurns, toolCalls };
}
