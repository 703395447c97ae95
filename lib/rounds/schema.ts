import { z } from "zod";
import { BUILTIN_PRESET, BUILTIN_PROBLEM_CONTEXT } from "@/lib/train/builtin/preset";
import { BACKENDS, GrpoSettings } from "@/lib/train/protocol";

/**
 * A flywheel project and its settings. A project runs rounds over one or more domains with one
 * policy lineage: a backend trains it ("none": the base model is an agent that is evaluated, not
 * trained, e.g. an API model or a reference agent), and each round's data grows where it failed.
 */
export const PROJECT_BACKENDS = [...BACKENDS, "none"] as const;
export type ProjectBackend = (typeof PROJECT_BACKENDS)[number];

/**
 * Which cases a round keeps, by the current policy's pass rate over k trials: below `min` is
 * "never solved", above `max` "always solved". The defaults drop only what the policy always
 * solves: every verified case has a teacher (its proof), so "nobody solves it" means unverified,
 * and those never get this far. Raise `min` above 0 to also drop what the student never solves.
 */
export const SelectionBand = z
  .object({ min: z.number().min(0).max(1).default(0), max: z.number().min(0).max(1).default(0.99) })
  .refine((b) => b.min <= b.max, { message: "the band's min must not exceed its max", path: ["min"] });
export type SelectionBand = z.infer<typeof SelectionBand>;

export const GrowthSettings = z.object({
  /** How many of the weakest nodes get new cases. */
  weakNodes: z.number().int().min(1).max(100).default(5),
  /** A node needs at least this many failed trials to count as weak. */
  minFailures: z.number().int().min(1).max(1000).default(1),
  casesPerBranch: z.number().int().min(1).max(20).default(2),
  /** At most this many new cases per domain and round. */
  maxCases: z.number().int().min(1).max(5000).default(60),
  /** Let the writer model rewrite the new cases' words (needs a provider). */
  useLlm: z.boolean().default(false),
  /** Ask the tree expander for new sub-branches at weak nodes when a provider is configured. */
  propose: z.boolean().default(true),
});
export type GrowthSettings = z.infer<typeof GrowthSettings>;

export const TrainSettings = z.object({
  steps: z.number().int().min(0).max(100_000).default(20),
  sftSteps: z.number().int().min(0).max(100_000).default(0),
  evalEvery: z.number().int().min(1).default(10),
  /** Backend size knobs (built-in: dModel, layers, heads …). */
  modelOptions: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).default({}),
  grpo: GrpoSettings.partial().default({}),
  backendOptions: z.record(z.string(), z.unknown()).default({}),
});
export type TrainSettings = z.infer<typeof TrainSettings>;

export const ReasoningSettings = z.object({
  enabled: z.boolean().default(true),
  /** Problems generated for a domain that has none when its first round starts. */
  problems: z.number().int().min(0).max(2000).default(12),
  samples: z.number().int().min(1).max(16).default(2),
  /**
   * The problem solver evaluated each round, whose failures are hardened: "trained" (the policy
   * the round's train step produced: the paper's flywheel), "oracle", "budget:<n>" or an agent
   * spec (openai:<model>, builtin:<dir> …). The default is a reference solver, so a project
   * without a trainer still turns the flywheel.
   */
  policy: z.string().trim().min(1).default("budget:2"),
  /** A problem counts as failed under this pass rate. */
  threshold: z.number().min(0).max(1).default(0.5),
});
export type ReasoningSettings = z.infer<typeof ReasoningSettings>;
/** reasoning.policy: the round's own trained policy. */
export const TRAINED_POLICY = "trained";

export const ProjectSettings = z.object({
  /** Generated data waits for reviewers before it joins the next round (approved only). */
  reviewRequired: z.boolean().default(true),
  band: SelectionBand.prefault({}),
  /** Seeds the first snapshot's split, the personas and the synthesizer of every round. */
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  /** Trials per case when mining failures and measuring pass rates (k). */
  trials: z.number().int().min(1).max(16).default(2),
  /** Held-out share of the first snapshot: its validation split stays the held-out set of every round. */
  validationRatio: z.number().min(0.05).max(0.9).default(0.25),
  /** Agent turns per episode (the episode's own default, lib/rollout DEFAULT_MAX_TURNS; this file stays importable by the UI). */
  maxTurns: z.number().int().min(1).max(64).default(12),
  /** Evaluate with this agent instead of the trained checkpoint (a verl model served behind an OpenAI endpoint). */
  evalAgent: z.string().trim().min(1).optional(),
  growth: GrowthSettings.prefault({}),
  train: TrainSettings.prefault({}),
  reasoning: ReasoningSettings.prefault({}),
});
export type ProjectSettings = z.infer<typeof ProjectSettings>;
export type ProjectSettingsInput = z.input<typeof ProjectSettings>;

const Slug = z.string().trim().min(1).max(80);

export const ProjectInput = z.object({
  name: z.string().trim().min(1, "name the project").max(80).regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, "letters, digits, spaces, _ . -"),
  domains: z.array(Slug).min(1, "pick at least one domain").max(8),
  backend: z.enum(PROJECT_BACKENDS).default("builtin"),
  /** "scratch", a checkpoint directory or Hugging Face model, or (backend none) the agent spec. */
  baseModel: z.string().trim().min(1).default("scratch"),
  settings: ProjectSettings.prefault({}),
});
export type ProjectInput = z.input<typeof ProjectInput>;

/**
 * A built-in project trains with the backend's tested preset (SFT warm start, size, GRPO and SFT
 * settings) wherever its own settings are silent: a scratch policy without the warm start almost
 * never earns reward, so the defaults of the generic settings would train nothing. With the
 * reasoning side on, its rounds train on problems too, and the context grows to hold their reads.
 */
export function withBackendDefaults(input: ProjectInput): ProjectInput {
  if ((input.backend ?? "builtin") !== "builtin") return input;
  const train = input.settings?.train ?? {};
  const problems = input.settings?.reasoning?.enabled !== false;
  const modelOptions = { ...BUILTIN_PRESET.model.options, ...(problems ? { contextLength: BUILTIN_PROBLEM_CONTEXT } : {}) };
  const preset = { sftSteps: BUILTIN_PRESET.sftSteps, modelOptions, backendOptions: BUILTIN_PRESET.backendOptions };
  return { ...input, settings: { ...input.settings, train: { ...preset, ...train, grpo: { ...BUILTIN_PRESET.grpo, ...train.grpo } } } };
}
export type Project = z.infer<typeof ProjectInput> & { id: number; createdAt: string; createdBy: string };

/** A round's steps, in order. Each runs as one durable job ("rounds.step"). */
export const ROUND_STEPS = ["prepare", "eval_before", "train", "eval_after", "mine", "generate", "verify", "select", "reason", "review", "close"] as const;
export type RoundStep = (typeof ROUND_STEPS)[number];

export const STEP_LABELS: Record<RoundStep, string> = {
  prepare: "Freeze the input",
  eval_before: "Evaluate before",
  train: "Train",
  eval_after: "Evaluate after",
  mine: "Mine failures",
  generate: "Generate",
  verify: "Verify",
  select: "Select by pass rate",
  reason: "Harden problems",
  review: "Review",
  close: "Close",
};

export type StepStatus = "pending" | "running" | "done" | "skipped" | "waiting" | "failed";
export interface StepState {
  status: StepStatus;
  jobId?: number;
  startedAt?: string;
  finishedAt?: string;
  /** Why it was skipped, what it is waiting for, or a one-line result. */
  note?: string;
  error?: string;
}

/** open: steps run; review: waiting for reviewers; closed: immutable; failed: a step failed (retry resumes). */
export const ROUND_STATUSES = ["open", "review", "closed", "failed"] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

export const nextStep = (step: RoundStep): RoundStep | null => ROUND_STEPS[ROUND_STEPS.indexOf(step) + 1] ?? null;
