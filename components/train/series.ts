import type { StoredEvent } from "@/db/queries/train-runs";
import { METRICS } from "@/lib/train/protocol";

type Of<T extends StoredEvent["type"]> = Extract<StoredEvent, { type: T }>;
export type SampleEvent = Of<"sample">;
export type EvalEvent = Of<"eval">;
export type CheckpointEvent = Of<"checkpoint">;
export type LogEvent = Of<"log"> | Of<"status">;

/** One chart row: a step and the metric values reported at it (verl names), plus derived series. */
export type StepRow = { step: number } & Record<string, number | [number, number] | undefined>;

/** Derived keys (not verl metric names). */
export const REWARD_BAND = "reward_band";
export const VAL_PASS = "validation_pass";

const byType = <T extends StoredEvent["type"]>(events: StoredEvent[], type: T) => events.filter((e): e is Of<T> => e.type === type);

/**
 * Chart rows of one phase, one per step (later reports of a step win), with the reward band
 * (mean ± std) and, for GRPO, the validation pass rate of eval events at their steps.
 */
export function stepRows(events: StoredEvent[], phase: "grpo" | "sft"): StepRow[] {
  const rows = new Map<number, StepRow>();
  const at = (step: number) => rows.get(step) ?? rows.set(step, { step }).get(step)!;
  for (const e of byType(events, "metrics")) if (e.phase === phase) Object.assign(at(e.step), e.data);
  if (phase === "grpo") for (const e of byType(events, "eval")) at(e.step)[VAL_PASS] = e.reward;
  for (const row of rows.values()) {
    const [mean, std, min, max] = [METRICS.scoreMean, METRICS.scoreStd, METRICS.scoreMin, METRICS.scoreMax].map((k) => row[k]);
    if (typeof mean !== "number") continue;
    const spread = typeof std === "number" ? std : 0;
    // Kept within the rewards seen, so a binary reward's band never dips below 0 or above 1.
    row[REWARD_BAND] = [Math.max(mean - spread, typeof min === "number" ? min : -Infinity), Math.min(mean + spread, typeof max === "number" ? max : Infinity)];
  }
  return [...rows.values()].sort((a, b) => a.step - b.step);
}

/** The last GRPO step with metrics (0 before the first): ahead of the run row, which polls slower. */
export const lastGrpoStep = (events: StoredEvent[]) => byType(events, "metrics").reduce((m, e) => (e.phase === "grpo" ? Math.max(m, e.step) : m), 0);

/** Whether any row carries a value under `key`. */
export const hasSeries = (rows: StepRow[], key: string) => rows.some((r) => r[key] !== undefined);

/** Validation pass rates per branch kind over the run's evaluations (oldest first) and the kinds seen. */
export function kindPassRates(events: StoredEvent[]): { kinds: string[]; evals: EvalEvent[] } {
  const evals = byType(events, "eval");
  const kinds = [...new Set(evals.flatMap((e) => Object.keys(e.byKind)))].sort();
  return { kinds, evals };
}

/** Sample rollouts grouped by step, the latest step first. */
export function samplesByStep(events: StoredEvent[]): { step: number; samples: SampleEvent[] }[] {
  const groups = new Map<number, SampleEvent[]>();
  for (const s of byType(events, "sample")) (groups.get(s.step) ?? groups.set(s.step, []).get(s.step)!).push(s);
  return [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([step, samples]) => ({ step, samples }));
}

export const checkpoints = (events: StoredEvent[]): CheckpointEvent[] => byType(events, "checkpoint");

/** Log lines and status changes, in order: what a run said about itself. */
export const logLines = (events: StoredEvent[]): LogEvent[] => events.filter((e): e is LogEvent => e.type === "log" || e.type === "status");
