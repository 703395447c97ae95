import type { AssistantMessage, ChatMessage } from "@/lib/chat/schema";
import type { EpisodeTask } from "@/lib/rollout";
import { normalTrajectory } from "@/lib/sim/trajectory";
import type { Rng } from "@/lib/synth/prng";
import type { Sequence } from "./batch";
import { encodeAction } from "./codec";
import { nextAllowed } from "./grammar";
import { Observation } from "./observation";
import type { Vocab } from "./vocab";

/** An oracle conversation as a training sequence, its choices marked (cut at the context length). */
export function oracleSequence(vocab: Vocab, messages: ChatMessage[], contextLength: number): Sequence {
  const obs = new Observation(vocab);
  const decisions: Sequence["decisions"] = [];
  for (const m of messages) {
    if (m.role !== "assistant") {
      obs.add(m);
      continue;
    }
    obs.promptAgent();
    const tokens = encodeAction(vocab, m as AssistantMessage, obs.slots);
    tokens.forEach((token, i) => {
      const allowed = nextAllowed({ vocab, slots: obs.slots }, tokens.slice(0, i));
      if (allowed.length > 1 && obs.ids.length < contextLength) decisions.push({ position: obs.ids.length, allowed });
      obs.ids.push(token);
    });
  }
  const last = decisions.length ? decisions[decisions.length - 1].position : 0;
  return { ids: obs.ids.slice(0, last + 1), decisions };
}

/** The oracle's normal-path conversations of the training cases, in a few wordings; those that cannot be built are counted. */
export function oracleConversations(tasks: EpisodeTask[], wordings: number): { conversations: ChatMessage[][]; failed: number } {
  const conversations: ChatMessage[][] = [];
  let failed = 0;
  for (const task of tasks)
    for (let seed = 0; seed < wordings; seed++) {
      try {
        conversations.push(normalTrajectory(task.testCase, task.domain, { seed }));
      } catch {
        failed++;
      }
    }
  return { conversations, failed };
}

/** The SFT pool: each conversation as a training sequence; those the vocabulary cannot read are counted. */
export function sftPool(vocab: Vocab, conversations: ChatMessage[][], contextLength: number): { pool: Sequence[]; unreadable: number } {
  const pool: Sequence[] = [];
  let unreadable = 0;
  for (const c of conversations) {
    try {
      pool.push(oracleSequence(vocab, c, contextLength));
    } catch {
      unreadable++;
    }
  }
  return { pool, unreadable };
}

/** Batches in epochs: every sequence equally often, in a seeded order. */
export function epochBatches<T>(items: T[], size: number, rng: Rng): () => T[] {
  let order: T[] = [];
  return () => {
    const batch: T[] = [];
    while (batch.length < Math.min(size, items.length)) {
      if (!order.length) order = rng.sample(items, items.length);
      batch.push(order.shift()!);
    }
    return batch;
  };
}
