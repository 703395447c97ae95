import { z } from "zod";
import type { DomainSpec } from "@/lib/domain/schema";
import type { AnyEpisodeTask } from "@/lib/rollout";

/**
 * The trainer job protocol: what the studio sends a backend (a round spec) and what comes back
 * (events). Statuses mirror Ray Jobs; metric names are verl's, so a verl run, a TRL run and the
 * built-in trainer fill the same charts. Backends speak it as JSONL on stdout (one event a line)
 * or, for remote engines, are adapted into it (lib/train/ray).
 */

export const BACKENDS = ["builtin", "trl", "verl-ray"] as const;
export type Backend = (typeof BACKENDS)[number];

export const RUN_STATUSES = ["PENDING", "RUNNING", "STOPPED", "SUCCEEDED", "FAILED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const TERMINAL_STATUSES: readonly RunStatus[] = ["STOPPED", "SUCCEEDED", "FAILED"];
export const isTerminal = (s: RunStatus) => TERMINAL_STATUSES.includes(s);

/** verl's loss aggregation modes (actor.loss_agg_mode). */
export const LOSS_AGG_MODES = ["token-mean", "seq-mean-token-sum", "seq-mean-token-mean", "seq-mean-token-sum-norm"] as const;

export const GrpoSettings = z.object({
  /** Group size: rollouts per task (verl actor_rollout_ref.rollout.n). */
  n: z.number().int().min(2).max(64).default(4),
  /** Tasks per step (verl data.train_batch_size). */
  batchSize: z.number().int().min(1).max(1024).default(4),
  learningRate: z.number().positive().max(1).default(1e-3),
  clipRatio: z.number().positive().max(1).default(0.2),
  klCoef: z.number().min(0).max(10).default(0.02),
  lossAggMode: z.enum(LOSS_AGG_MODES).default("token-mean"),
  temperature: z.number().positive().max(5).default(1),
  maxTurns: z.number().int().min(1).max(64).default(8),
  maxNewTokens: z.number().int().min(1).max(32768).default(48),
});
export type GrpoSettings = z.infer<typeof GrpoSettings>;

export const Schedule = z.object({
  /** GRPO steps. */
  steps: z.number().int().min(0).max(100_000).default(20),
  /** Supervised warm-start steps on normal-path trajectories before GRPO (0: none). */
  sftSteps: z.number().int().min(0).max(100_000).default(0),
  /** Evaluate on the validation split every this many steps (and at the start and end). */
  evalEvery: z.number().int().min(1).default(10),
  /** Save a checkpoint every this many steps (and at the end). */
  saveEvery: z.number().int().min(1).default(10),
});
export type Schedule = z.infer<typeof Schedule>;

/**
 * Reasoning problems of the dataset's domain that train beside its cases (a round's recorded
 * problem set): verified ones only, split by family (lineage root) with this held-out share.
 */
export const ProblemsRef = z.object({ ids: z.array(z.string().min(1)).max(100_000), validationRatio: z.number().min(0).max(0.9).default(0.25) });
export type ProblemsRef = z.infer<typeof ProblemsRef>;

/** Where the cases come from: a frozen snapshot, or (for quick runs) a domain's verified cases split on the fly; plus, optionally, problems. */
export const DatasetRef = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("snapshot"), snapshotId: z.number().int().positive(), problems: ProblemsRef.optional() }),
  z.object({ kind: z.literal("domain"), domainSlug: z.string().min(1), validationRatio: z.number().min(0).max(0.9).default(0.25), problems: ProblemsRef.optional() }),
]);
export type DatasetRef = z.infer<typeof DatasetRef>;

export const ModelRef = z.object({
  /** scratch: a fresh built-in policy; checkpoint: a built-in checkpoint directory; hf: a Hugging Face checkpoint directory on disk. */
  kind: z.enum(["scratch", "checkpoint", "hf"]).default("scratch"),
  path: z.string().default(""),
  /** Backend-specific size knobs (built-in: dModel, layers, heads; TRL: lora rank …). */
  options: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
});
export type ModelRef = z.infer<typeof ModelRef>;

export const RoundSpec = z.object({
  name: z.string().max(200).default(""),
  backend: z.enum(BACKENDS),
  model: ModelRef.default({ kind: "scratch", path: "", options: {} }),
  dataset: DatasetRef,
  grpo: GrpoSettings.default(GrpoSettings.parse({})),
  schedule: Schedule.default(Schedule.parse({})),
  seed: z.number().int().min(0).default(0),
  /** Backend-specific settings (verl-ray: address, overrides; trl: device …). */
  backendOptions: z.record(z.string(), z.unknown()).default({}),
});
export type RoundSpec = z.infer<typeof RoundSpec>;
export type RoundSpecInput = z.input<typeof RoundSpec>;

/** verl's metric names: the canonical set every backend reports under. */
export const METRICS = {
  scoreMean: "critic/score/mean",
  scoreStd: "critic/score/std",
  scoreMax: "critic/score/max",
  scoreMin: "critic/score/min",
  passRate: "critic/pass_rate",
  advantagesMean: "critic/advantages/mean",
  pgLoss: "actor/pg_loss",
  klLoss: "actor/kl_loss",
  entropy: "actor/entropy",
  clipFrac: "actor/pg_clipfrac",
  gradNorm: "actor/grad_norm",
  lr: "actor/lr",
  sftLoss: "actor/sft_loss",
  responseLengthMean: "response_length/mean",
  responseLengthClip: "response_length/clip_ratio",
  numTurnsMean: "num_turns/mean",
  toolCallsMean: "tool_call_counts/mean",
  toolCallFrequency: "tools/call_frequency",
  zeroStdFrac: "critic/frac_reward_zero_std",
  stepTime: "timing_s/step",
  throughput: "perf/throughput",
  valScore: "val-core/reward/mean",
  valPass: "val-core/pass@1",
} as const;

/** A backend's event, one JSON object a line on its stdout. */
export const TrainEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("status"), status: z.enum(RUN_STATUSES), message: z.string().default("") }),
  /** Per-step metrics under verl's names; `phase` tells SFT steps from GRPO steps. */
  z.object({ type: z.literal("metrics"), step: z.number().int().min(0), phase: z.enum(["sft", "grpo", "val"]).default("grpo"), data: z.record(z.string(), z.number()) }),
  /** A few rollouts of a step, as OpenAI messages, with their rewards. */
  z.object({
    type: z.literal("sample"),
    step: z.number().int().min(0),
    caseId: z.string(),
    branchKind: z.string().default(""),
    reward: z.number(),
    messages: z.array(z.record(z.string(), z.unknown())),
  }),
  /** Validation results of a step, per branch kind (pass rate = mean of binary rewards). */
  z.object({ type: z.literal("eval"), step: z.number().int().min(0), reward: z.number(), byKind: z.record(z.string(), z.object({ pass: z.number(), n: z.number() })) }),
  z.object({ type: z.literal("checkpoint"), step: z.number().int().min(0), path: z.string() }),
  z.object({ type: z.literal("log"), level: z.enum(["info", "warn", "error"]).default("info"), message: z.string() }),
]);
export type TrainEvent = z.infer<typeof TrainEvent>;
export type TrainEventInput = z.input<typeof TrainEvent>;

/** The cases (and the domain's reasoning problems) a round uses, loaded by the studio (db/queries/train-dataset.ts). */
export interface RoundData<T extends AnyEpisodeTask = AnyEpisodeTask> {
  label: string;
  domain: DomainSpec;
  train: T[];
  validation: T[];
}

/**
 * A trainer backend as the studio drives it. `run` resolves with the final status when the run
 * ends; events go to `emit` as they happen; an aborted `signal` means "stop: save a checkpoint
 * and end STOPPED". `runDir` is the run's own folder (checkpoints, logs, packages).
 */
export interface TrainerBackend {
  backend: Backend;
  run(input: { runId: number; spec: RoundSpec; data: RoundData; runDir: string; emit: (event: TrainEventInput) => void; signal: AbortSignal }): Promise<RunStatus>;
}

/** Parses one JSONL line of a backend's stdout; anything that is not an event becomes a log line, never lost. */
export function parseEventLine(line: string): TrainEvent | null {
  const text = line.trim();
  if (!text) return null;
  if (text.startsWith("{")) {
    try {
      const parsed = TrainEvent.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      /* not JSON: kept as a log line below */
    }
  }
  return { type: "log", level: "info", message: text };
}
