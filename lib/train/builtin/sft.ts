import type { AssistantMessage, ChatMessage } from "@/lib/chat/schema";
import { problemChatRecord } from "@/lib/export";
import { isProblemTask, type AnyEpisodeTask } from "@/lib/rollout";
import { normalTrajectory } from "@/lib/sim/trajectory";
import type { Rng } from "@/lib/synth/prng";
import type { Sequence } from "./batch";
import { encodeAction, UnwritableAnswer } from "./codec";
import { nextAllowed } from "./grammar";
import { Observation } from "./observation";
import type { Vocab } from "./vocab";

/**
 * An oracle conversation as a training sequence, its choices marked (cut at the context length).
 * A problem's solution whose answer the policy cannot write (a count or a sum, in no message)
 * still teaches its reads: the sequence ends before the answer, `answered` false.
 */
export function oracleSequence(vocab: Vocab, messages: ChatMessage[], contextLength: number): Sequence & { answered: boolean } {
  const obs = new Observation(vocab);
  const decisions: Sequence["decisions"] = [];
  let answered = true;
  for (const [index, m] of messages.entries()) {
    if (m.role !== "assistant") {
      obs.add(m);
      continue;
    }
    let tokens: number[];
    try {
      tokens = encodeAction(vocab, m as AssistantMessage, obs.slots);
    } catch (e) {
      if (!(e instanceof UnwritableAnswer) || index !== messages.length - 1 || !decisions.length) throw e;
      answered = false;
      break;
    }
    obs.promptAgent();
    tokens.forEach((token, i) => {
      const allowed = nextAllowed({ vocab, slots: obs.slots }, tokens.slice(0, i));
      if (allowed.length > 1 && obs.ids.length < contextLength) decisions.push({ position: obs.ids.length, allowed });
      obs.ids.push(token);
    });
  }
  const last = decisions.length ? decisions[decisions.length - 1].position : 0;
  return { ids: obs.ids.slice(0, last + 1), decisions, answered };
}

/**
 * The oracle's conversations of the training tasks: a case's normal path in a few wordings, a
 * problem's solution (its planned reads, then the answer) once; those that cannot be built are counted.
 */
export function oracleConversations(tasks: AnyEpisodeTask[], wordings: number): { conversations: ChatMessage[][]; failed: number } {
  const conversations: ChatMessage[][] = [];
  let failed = 0;
  for (const task of tasks)
    for (let seed = 0; seed < (isProblemTask(task) ? 1 : wordings); seed++) {
      try {
        conversations.push(isProblemTask(task) ? problemChatRecord({ kind: "problem", id: task.id, problem: task.problem, domain: task.domain }, "train").messages : normalTrajectory(task.testCase, task.domain, { seed }));
      } catch {
        failed++;
      }
    }
  return { conversations, failed };
}

/**
 * The SFT pool: each conversation as a training sequence; those the vocabulary cannot read are
 * counted, and so are problem solutions kept without their (unwritable) answer.
 */
export function sftPool(vocab: Vocab, conversations: ChatMessage[][], contextLength: number): { pool: Sequence[]; unreadable: number; unanswered: number } {
  const pool: Sequence[] = [];
  let unreadable = 0;
  let unanswered = 0;
  for (const c of conversations) {
    try {
      const { answered, ...sequence } = oracleSequence(vocab, c, contextLength);
      pool.push(sequence);
      if (!answered) unanswered++;
    } catch {
      unreadable++;
    }
  }
  return { pool, unreadable, unanswered };
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
