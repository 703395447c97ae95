import type { StoredEvent } from "@/db/queries/train-runs";

export interface RunSummary {
  /** GRPO steps reported. */
  steps: number;
  /** Mean validation reward of the first evaluation (the untrained policy) and of the last. */
  initial_reward: number | null;
  final_reward: number | null;
  /** The last checkpoint written. */
  checkpoint: string | null;
}

/** The figures a round ends with, read from its events. */
export function summarizeEvents(events: StoredEvent[]): RunSummary {
  const of = <T extends StoredEvent["type"]>(type: T) => events.filter((e): e is Extract<StoredEvent, { type: T }> => e.type === type);
  const evals = of("eval");
  const grpoSteps = of("metrics").filter((e) => e.phase === "grpo").map((e) => e.step);
  return {
    steps: grpoSteps.length ? Math.max(...grpoSteps) : 0,
    initial_reward: evals[0]?.reward ?? null,
    final_reward: evals.at(-1)?.reward ?? null,
    checkpoint: of("checkpoint").at(-1)?.path ?? null,
  };
}
