import type { ChatMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { playEpisode, type Agent } from "@/lib/rollout/agent";
import { ProblemEpisode } from "./problem-episode";
import type { Problem } from "./schema";
import type { Verdict } from "./verify/answer";

export { ANSWER_INSTRUCTIONS, problemSystemPrompt, problemUserMessage } from "./problem-episode";

export interface ProblemRunOptions {
  /** The domain a program problem runs in (required when the problem has tools). */
  domain?: DomainSpec | null;
  /** Agent turns allowed before the run is cut off (default 16). */
  maxTurns?: number;
  signal?: AbortSignal;
}

export interface ProblemRunResult {
  reward: 0 | 1;
  messages: ChatMessage[];
  verdict: Verdict;
  endReason: "answered" | "max_turns";
  agentTurns: number;
  toolCalls: number;
}

/** One agent on one problem, played to the end through its `ProblemEpisode` (the trainers' contract). */
export async function runProblem(agent: Agent, problem: Problem, options: ProblemRunOptions = {}): Promise<ProblemRunResult> {
  const episode = new ProblemEpisode({ id: problem.id, problem, domain: options.domain ?? null }, { maxTurns: options.maxTurns });
  const toolCalls = await playEpisode(agent, episode, options.signal);
  const { reward, verdict } = episode.score();
  return { reward, messages: episode.messages, verdict, endReason: episode.endReason === "answered" ? "answered" : "max_turns", agentTurns: episode.agentTurns, toolCalls };
}
