import { DomainError } from "@/lib/errors";
import type { RoundSpec } from "@/lib/train/protocol";
import { AGENT_NAME, type RayOptions } from "./settings";

/** Placeholders run.sh replaces with the package's directory on the cluster and the checkpoint folder. */
export const PKG = "@PKG@";
export const CKPT = "@CKPT@";

export interface OverrideInput {
  runId: number;
  spec: RoundSpec;
  options: RayOptions;
  trainRows: number;
  /** No validation split: validation is switched off. */
  validationOff: boolean;
}

/** data.max_response_length when not given: room for every turn's reply plus a tool result or user turn. */
export function defaultResponseLength(spec: RoundSpec): number {
  return Math.min(16384, Math.max(1024, spec.grpo.maxTurns * (spec.grpo.maxNewTokens + 256)));
}

/** Tasks per step: the spec's batch, at most the training set (verl drops an incomplete last batch). */
export const trainBatchSize = (spec: RoundSpec, trainRows: number) => Math.max(1, Math.min(spec.grpo.batchSize, trainRows));

/**
 * The round spec as verl Hydra overrides for `python3 -m verl.trainer.main_ppo` (GRPO over the
 * stock ppo_trainer config; every key exists in verl 0.9's config, so Hydra accepts them without
 * `+`). One override a line in overrides.txt: run.sh passes each as one argument, so nothing is
 * re-split by a shell.
 */
export function grpoOverrides({ runId, spec, options, trainRows, validationOff }: OverrideInput): string[] {
  if (spec.model.kind !== "hf" || !spec.model.path.trim()) {
    throw new DomainError("invalid", 'model: verl-ray trains a Hugging Face checkpoint; set model.kind to "hf" and model.path to its directory on the cluster (e.g. /models/Qwen3-0.6B)');
  }
  if (trainRows < 1) throw new DomainError("invalid", "the round has no training cases");
  const g = spec.grpo;
  const batch = trainBatchSize(spec, trainRows);
  const batchesPerEpoch = Math.max(1, Math.floor(trainRows / batch));
  const epochs = Math.max(1, Math.ceil(spec.schedule.steps / batchesPerEpoch));
  const micro = options.microBatchSize;
  // Dr.GRPO: the unnormalised loss goes with unscaled advantages
  const drGrpo = g.lossAggMode === "seq-mean-token-sum-norm";
  const o: Record<string, string | number | boolean> = {
    "algorithm.adv_estimator": "grpo",
    "algorithm.use_kl_in_reward": false,
    "algorithm.norm_adv_by_std_in_grpo": !drGrpo,
    "data.train_files": `${PKG}/train.parquet`,
    "data.val_files": `${PKG}/val.parquet`,
    "data.train_batch_size": batch,
    "data.max_prompt_length": options.maxPromptLength,
    "data.max_response_length": options.maxResponseLength ?? defaultResponseLength(spec),
    "data.return_raw_chat": true,
    "data.filter_overlong_prompts": true,
    "data.truncation": "error",
    "data.shuffle": true,
    "data.seed": spec.seed,
    "actor_rollout_ref.model.path": spec.model.path,
    "actor_rollout_ref.actor.optim.lr": g.learningRate,
    "actor_rollout_ref.actor.ppo_mini_batch_size": batch,
    "actor_rollout_ref.actor.ppo_micro_batch_size_per_gpu": micro,
    "actor_rollout_ref.actor.use_kl_loss": g.klCoef > 0,
    "actor_rollout_ref.actor.kl_loss_coef": g.klCoef,
    "actor_rollout_ref.actor.kl_loss_type": "low_var_kl",
    "actor_rollout_ref.actor.entropy_coeff": 0,
    "actor_rollout_ref.actor.loss_agg_mode": g.lossAggMode,
    "actor_rollout_ref.actor.clip_ratio": g.clipRatio,
    "actor_rollout_ref.actor.data_loader_seed": spec.seed,
    "actor_rollout_ref.ref.log_prob_micro_batch_size_per_gpu": micro,
    "actor_rollout_ref.rollout.name": options.rolloutEngine,
    "actor_rollout_ref.rollout.mode": "async",
    "actor_rollout_ref.rollout.n": g.n,
    "actor_rollout_ref.rollout.temperature": g.temperature,
    "actor_rollout_ref.rollout.tensor_model_parallel_size": options.tensorParallel,
    "actor_rollout_ref.rollout.gpu_memory_utilization": options.gpuMemoryUtilization,
    "actor_rollout_ref.rollout.log_prob_micro_batch_size_per_gpu": micro,
    "actor_rollout_ref.rollout.multi_turn.enable": true,
    "actor_rollout_ref.rollout.multi_turn.max_assistant_turns": g.maxTurns,
    "actor_rollout_ref.rollout.multi_turn.format": "hermes",
    "actor_rollout_ref.rollout.multi_turn.tool_config_path": `${PKG}/tool_config.yaml`,
    "actor_rollout_ref.rollout.agent.agent_loop_config_path": `${PKG}/agent_loop.yaml`,
    "actor_rollout_ref.rollout.agent.default_agent_loop": AGENT_NAME,
    "custom_reward_function.path": `${PKG}/studio_reward.py`,
    "custom_reward_function.name": "compute_score",
    "trainer.logger": '["console","file"]',
    "trainer.project_name": "flywheel-studio",
    "trainer.experiment_name": `run-${runId}`,
    "trainer.n_gpus_per_node": options.nGpusPerNode,
    "trainer.nnodes": options.nnodes,
    "trainer.total_epochs": epochs,
    "trainer.total_training_steps": spec.schedule.steps,
    "trainer.val_only": spec.schedule.steps === 0,
    "trainer.val_before_train": !validationOff,
    "trainer.test_freq": validationOff ? -1 : spec.schedule.evalEvery,
    "trainer.save_freq": spec.schedule.saveEvery,
    "trainer.default_local_dir": CKPT,
    "trainer.resume_mode": "disable",
    "trainer.critic_warmup": 0,
  };
  return [...Object.entries(o).map(([key, value]) => `${key}=${hydraValue(value)}`), ...options.overrides];
}

/** A value as Hydra's override grammar reads it: plain when it can be, single-quoted otherwise. */
export function hydraValue(value: string | number | boolean): string {
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return String(value);
  if (/^\[.*\]$/.test(value) || /^[\w./@~+\-:]+$/.test(value)) return value;
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
