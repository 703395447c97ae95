import type * as tf from "@tensorflow/tfjs-core";
import type { AnyEpisodeTask } from "@/lib/rollout";
import type { Rng } from "@/lib/synth/prng";
import { METRICS, type GrpoSettings } from "@/lib/train/protocol";
import { groupAdvantages, zeroStdFraction } from "./grpo";
import type { Weights } from "./model";
import type { Policy, Sampler } from "./policy";
import { playEpisode, type Trajectory } from "./rollout";
import type { BuiltinOptions } from "./settings";
import { grpoUpdate } from "./update";

const seconds = (since: number) => (performance.now() - since) / 1000;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

export interface GrpoStepInput {
  policy: Policy;
  optimizer: tf.Optimizer;
  reference: Weights | null;
  tasks: AnyEpisodeTask[];
  grpo: GrpoSettings;
  options: BuiltinOptions;
  sampler: Sampler;
  /** This step's own generator (sampling and the user's wording). */
  rng: Rng;
}

/**
 * One GRPO step: n rollouts of each task at the temperature against the scripted user, group
 * advantages of their rewards, one update, and the step's metrics under verl's names.
 */
export async function grpoStep(x: GrpoStepInput): Promise<{ data: Record<string, number>; rollouts: Trajectory[] }> {
  const { policy, grpo, options: o, rng } = x;
  const t0 = performance.now();
  const actor = await policy.actor(x.sampler);
  const rollouts: Trajectory[] = [];
  const groups: number[] = [];
  for (const [g, task] of x.tasks.entries())
    for (let k = 0; k < grpo.n; k++) {
      const settings = { temperature: grpo.temperature, greedy: false, random: rng.next, maxNewTokens: grpo.maxNewTokens, maxTurns: grpo.maxTurns, userSeed: rng.int(1_000_000) };
      rollouts.push(await playEpisode(actor, task, settings));
      groups.push(g);
    }
  const genTime = seconds(t0);
  const rewards = rollouts.map((r) => r.reward);
  const advantages = groupAdvantages(rewards, groups, o.normAdvByStd);
  const t1 = performance.now();
  const u = await grpoUpdate(policy, x.optimizer, x.reference, rollouts, advantages, {
    clipRatio: grpo.clipRatio,
    klCoef: grpo.klCoef,
    mode: grpo.lossAggMode,
    temperature: grpo.temperature,
    horizon: policy.config.contextLength,
    miniBatches: o.ppoMiniBatches,
    epochs: o.ppoEpochs,
    maxGradNorm: o.maxGradNorm,
  });
  const dt = seconds(t0);
  const scoreMean = mean(rewards);
  const data = {
    [METRICS.scoreMean]: scoreMean,
    [METRICS.scoreStd]: Math.sqrt(mean(rewards.map((r) => (r - scoreMean) ** 2))),
    [METRICS.scoreMax]: Math.max(...rewards),
    [METRICS.scoreMin]: Math.min(...rewards),
    [METRICS.passRate]: mean(rewards.map((r) => (r >= 1 ? 1 : 0))),
    [METRICS.advantagesMean]: mean(advantages),
    [METRICS.zeroStdFrac]: zeroStdFraction(rewards, groups),
    [METRICS.pgLoss]: u.pgLoss,
    [METRICS.klLoss]: u.klLoss,
    [METRICS.entropy]: u.entropy,
    [METRICS.clipFrac]: u.clipFrac,
    [METRICS.gradNorm]: u.gradNorm,
    [METRICS.lr]: grpo.learningRate,
    [METRICS.responseLengthMean]: mean(rollouts.map((r) => r.actionTokens)),
    [METRICS.responseLengthClip]: mean(rollouts.map((r) => (r.clipped ? 1 : 0))),
    [METRICS.numTurnsMean]: mean(rollouts.map((r) => r.agentTurns)),
    [METRICS.toolCallsMean]: mean(rollouts.map((r) => r.toolCalls)),
    [METRICS.toolCallFrequency]: mean(rollouts.map((r) => r.toolCalls / Math.max(1, r.agentTurns))),
    [METRICS.stepTime]: dt,
    "timing_s/gen": genTime,
    "timing_s/update": seconds(t1),
    // tokens of every rollout's sequence (observation and actions), per second of the step
    [METRICS.throughput]: rollouts.reduce((a, r) => a + r.ids.length, 0) / dt,
  };
  return { data, rollouts };
}
