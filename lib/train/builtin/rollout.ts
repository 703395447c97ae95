import type { ChatMessage } from "@/lib/chat/schema";
import type { AnyEpisodeTask } from "@/lib/rollout";
import { openEpisode } from "@/lib/rollout/open";
import { generateAction, type Decision, type DecodeSettings } from "./act";
import { decodeAction } from "./codec";
import { Observation } from "./observation";
import type { Actor } from "./policy";

/** One episode the policy played: its token sequence with the choices in it, and what it earned. */
export interface Trajectory {
  taskId: string;
  ids: number[];
  decisions: Decision[];
  reward: number;
  messages: ChatMessage[];
  agentTurns: number;
  toolCalls: number;
  /** Action tokens generated (forced ones included). */
  actionTokens: number;
  /** Cut off by the context or the per-turn token limit (not by the user or the turn limit). */
  clipped: boolean;
  endReason: string;
}

export interface PlayOptions extends DecodeSettings {
  maxTurns: number;
  /** The scripted user's wording seed. */
  userSeed: number;
  signal?: AbortSignal;
}

/**
 * Plays one episode of a task with the policy against the studio's environment (lib/rollout's
 * episodes: real tool execution; a case's scripted user, or a problem's answer check; the
 * verifiable reward). The observation
 * grows with every message; the network keeps one key/value cache for the whole episode.
 */
export async function playEpisode(actor: Actor, task: AnyEpisodeTask, options: PlayOptions): Promise<Trajectory> {
  const episode = openEpisode(task, { maxTurns: options.maxTurns, seed: options.userSeed });
  const obs = new Observation(actor.vocab);
  for (const m of await episode.reset()) obs.add(m);
  const session = actor.engine();
  const decisions: Decision[] = [];
  let actionTokens = 0;
  let toolCalls = 0;
  let clipped = "";
  try {
    while (!episode.done) {
      options.signal?.throwIfAborted();
      const action = await generateAction(session, obs, actor.contextLength, options);
      decisions.push(...action.decisions);
      actionTokens += action.tokens.length;
      if (action.truncated) {
        clipped = action.why;
        break;
      }
      const message = decodeAction(actor.vocab, action.tokens, { slots: obs.slots, messages: episode.messages, seed: options.userSeed });
      toolCalls += message.tool_calls?.length ?? 0;
      const { appended } = await episode.step(message);
      if (!episode.done) for (const m of appended) obs.add(m);
    }
  } finally {
    session.dispose();
  }
  const lastDecision = decisions.length ? decisions[decisions.length - 1].position : 0;
  return {
    taskId: task.id,
    ids: obs.ids.slice(0, lastDecision + 1),
    decisions,
    reward: episode.score().reward,
    messages: [...episode.messages],
    agentTurns: episode.agentTurns,
    toolCalls,
    actionTokens,
    clipped: clipped !== "",
    endReason: clipped ? "clipped" : (episode.endReason ?? ""),
  };
}
