import type { AssistantMessage, ChatMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import { oracleAgent } from "@/lib/reasoning/agents";
import { isProblemTask, type Agent, type AnyEpisodeTask } from "@/lib/rollout";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import type { EvalAgent } from "./run";

/**
 * Reference agents, not models: they replay a trajectory the studio wrote for the case.
 * `oracle` is the ideal agent (normalTrajectory: the ceiling every case should reach, and a check
 * that the harness and the cases agree); `hack` is the agent the user talks into the hack path
 * (hackTrajectory: the floor, scoring 0 wherever a case has a hack path).
 */
export const REFERENCE_AGENTS = ["oracle", "hack"] as const;
export type ReferenceAgentName = (typeof REFERENCE_AGENTS)[number];

/** Plays the recorded assistant turns in order: the n-th agent turn of the episode gets the n-th recorded one. */
function replayAgent(name: string, recorded: ChatMessage[]): Agent {
  const turns = recorded.filter((m): m is AssistantMessage => m.role === "assistant");
  return {
    name,
    async act(messages) {
      const played = messages.filter((m) => m.role === "assistant").length;
      // past the recording (a conversation that went elsewhere, e.g. with an LLM user): close politely
      return turns[played] ?? { role: "assistant", content: "Is there anything else I can help you with?" };
    },
  };
}

export function referenceAgent(name: ReferenceAgentName): EvalAgent {
  const write = name === "oracle" ? normalTrajectory : hackTrajectory;
  return {
    name,
    forTrial: (task: AnyEpisodeTask, trial: number) => {
      // a problem's ceiling is its planned reads and answer; its floor answers with no reads ("unknown")
      if (isProblemTask(task)) return oracleAgent(task.problem, name === "oracle" ? Infinity : 0);
      return replayAgent(name, write(task.testCase, task.domain, { seed: trial }));
    },
    async act() {
      throw new DomainError("invalid", `The ${name} reference agent replays one case's trajectory: run it through the eval harness (forTrial), not on its own.`);
    },
  };
}
