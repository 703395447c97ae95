import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { createLlmUser } from "@/lib/sim/llm-user";
import { createLlmClient, isConfigured, type LlmClient, type LlmConfig } from "@/lib/llm";
import { isProblemTask, type AnyEpisodeTask } from "@/lib/rollout";
import { DEFAULT_MAX_TURNS } from "@/lib/rollout/episode";
import { DatasetRef, type RoundData } from "@/lib/train/protocol";
import type { UserFactory } from "./run";

export const EVAL_SPLITS = ["validation", "train", "all"] as const;
export type EvalSplit = (typeof EVAL_SPLITS)[number];

/** scripted: the case's deterministic user (default); llm: the configured "user" model (lib/sim/llm-user). */
export const USER_MODES = ["scripted", "llm"] as const;
export type UserMode = (typeof USER_MODES)[number];

/** What an evaluation runs on besides the agent: stored in eval_runs.dataset. */
export const EvalSetup = z.object({
  ref: DatasetRef,
  split: z.enum(EVAL_SPLITS).default("validation"),
  user: z.enum(USER_MODES).default("scripted"),
  maxTurns: z.number().int().min(1).max(64).default(DEFAULT_MAX_TURNS),
  /** The seed of a domain's on-the-fly split (a snapshot brings its own). */
  seed: z.number().int().min(0).default(1),
});
export type EvalSetup = z.infer<typeof EvalSetup>;
export type EvalSetupInput = z.input<typeof EvalSetup>;

/** The cases (and problems) of one split; an empty selection is an error that says what to pick instead. */
export function tasksOfSplit(data: Pick<RoundData, "label" | "train" | "validation">, split: EvalSplit): AnyEpisodeTask[] {
  const tasks = split === "all" ? [...data.train, ...data.validation] : split === "train" ? data.train : data.validation;
  if (!tasks.length) {
    const hint = split === "all" ? "verify the domain's trees first (flywheel verify <slug>)" : `choose --split all (train ${data.train.length}, validation ${data.validation.length})`;
    throw new DomainError("invalid", `${data.label} has no ${split === "all" ? "" : `${split} `}cases: ${hint}.`, { field: "split" });
  }
  return tasks;
}

/** The user factory for a mode; the LLM user needs the provider's "user" role configured. */
export function userFactory(mode: UserMode, deps: { llmConfig?: LlmConfig; llmClient?: (config: LlmConfig) => LlmClient; signal?: AbortSignal; usageKeys?: string[] } = {}): UserFactory | undefined {
  if (mode === "scripted") return undefined;
  checkUserMode(mode, deps.llmConfig);
  const client = (deps.llmClient ?? createLlmClient)(deps.llmConfig!);
  // a problem has no user: its episode ends at the agent's answer
  return (task, trial) => (isProblemTask(task) ? undefined : createLlmUser(client, task.testCase, { seed: trial, signal: deps.signal, usageKeys: deps.usageKeys }));
}

export function checkUserMode(mode: UserMode, config: LlmConfig | undefined): void {
  if (mode === "llm" && !(config && isConfigured(config, "user"))) {
    throw new DomainError("invalid", "The LLM user needs a provider: set a base URL and a model for the user role on the Settings page (or FLYWHEEL_LLM_BASE_URL and FLYWHEEL_LLM_MODEL), or use the scripted user.", { field: "user" });
  }
}
