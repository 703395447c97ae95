import * as tf from "@tensorflow/tfjs-core";
import { DomainError } from "@/lib/errors";
import type { LOSS_AGG_MODES } from "@/lib/train/protocol";

/**
 * GRPO's pieces, as verl computes them: group-normalised advantages (outcome reward of each
 * rollout minus its group's mean, over the group's standard deviation), the PPO clipped
 * surrogate on the token ratio, the k3 ("low_var_kl") estimate of KL to the frozen reference,
 * and verl's loss aggregation modes (actor.loss_agg_mode).
 */
export type LossAggMode = (typeof LOSS_AGG_MODES)[number];

/** Advantages per rollout: (r − mean of its group) / (unbiased std of its group + eps); a single-rollout group has mean 0, std 1. */
export function groupAdvantages(rewards: number[], groups: (string | number)[], normalizeByStd = true, eps = 1e-6): number[] {
  if (rewards.length !== groups.length) throw new DomainError("invalid", `${rewards.length} rewards but ${groups.length} group labels`);
  const members = new Map<string | number, number[]>();
  groups.forEach((g, i) => members.set(g, [...(members.get(g) ?? []), rewards[i]]));
  const stats = new Map(
    [...members].map(([g, rs]) => {
      if (rs.length < 2) return [g, { mean: 0, std: 1 }];
      const mean = rs.reduce((a, b) => a + b, 0) / rs.length;
      const std = Math.sqrt(rs.reduce((a, r) => a + (r - mean) ** 2, 0) / (rs.length - 1));
      return [g, { mean, std }];
    }),
  );
  return rewards.map((r, i) => {
    const { mean, std } = stats.get(groups[i])!;
    return normalizeByStd ? (r - mean) / (std + eps) : r - mean;
  });
}

/** Fraction of groups whose rewards are all equal (they teach nothing: every advantage is 0). */
export function zeroStdFraction(rewards: number[], groups: (string | number)[]): number {
  const byGroup = new Map<string | number, Set<number>>();
  groups.forEach((g, i) => byGroup.set(g, (byGroup.get(g) ?? new Set()).add(rewards[i])));
  return byGroup.size ? [...byGroup.values()].filter((s) => s.size === 1).length / byGroup.size : 0;
}

/**
 * Aggregates per-token values [N] into a scalar. `seqOf` gives each token's sequence; `horizon`
 * is the constant divisor of seq-mean-token-sum-norm (Dr. GRPO: the maximum response length).
 */
export function aggregate(values: tf.Tensor1D, mode: LossAggMode, seqOf: number[], numSeqs: number, horizon: number): tf.Scalar {
  if (mode === "token-mean") return tf.mean(values);
  if (mode === "seq-mean-token-sum-norm") return tf.div(tf.sum(values), horizon);
  const oneHot = new Float32Array(numSeqs * seqOf.length);
  seqOf.forEach((s, i) => (oneHot[s * seqOf.length + i] = 1));
  const member = tf.tensor2d(oneHot, [numSeqs, seqOf.length]);
  const sums = tf.squeeze(tf.matMul(member, tf.reshape(values, [-1, 1])), [1]);
  if (mode === "seq-mean-token-sum") return tf.mean(sums);
  const counts = tf.maximum(tf.sum(member, 1), 1);
  // sequences without a token count as 0 in verl's seq-mean-token-mean; keep the mean over all sequences
  return tf.mean(tf.div(sums, counts));
}

export interface LossInputs {
  logp: tf.Tensor1D;
  oldLogp: tf.Tensor1D;
  /** null: no KL term. */
  refLogp: tf.Tensor1D | null;
  /** Per token (each rollout's advantage on every token it chose). */
  advantages: tf.Tensor1D;
  seqOf: number[];
  numSeqs: number;
  clipRatio: number;
  klCoef: number;
  mode: LossAggMode;
  horizon: number;
}

export interface LossParts {
  loss: tf.Scalar;
  pgLoss: tf.Scalar;
  klLoss: tf.Scalar;
  clipFrac: tf.Scalar;
}

/** The clipped policy-gradient loss plus klCoef × the k3 KL to the reference, aggregated per `mode`. */
export function grpoLoss(x: LossInputs): LossParts {
  const ratio = tf.exp(tf.sub(x.logp, x.oldLogp));
  const unclipped = tf.mul(tf.neg(x.advantages), ratio);
  const clipped = tf.mul(tf.neg(x.advantages), tf.clipByValue(ratio, 1 - x.clipRatio, 1 + x.clipRatio));
  const pg = tf.maximum(unclipped, clipped) as tf.Tensor1D;
  const pgLoss = aggregate(pg, x.mode, x.seqOf, x.numSeqs, x.horizon);
  const clipFrac = tf.mean(tf.cast(tf.greater(clipped, unclipped), "float32")) as tf.Scalar;
  let klLoss = tf.scalar(0);
  if (x.refLogp) {
    const delta = tf.sub(x.refLogp, x.logp);
    const k3 = tf.clipByValue(tf.sub(tf.sub(tf.exp(delta), delta), 1), -10, 10) as tf.Tensor1D;
    klLoss = aggregate(k3, x.mode, x.seqOf, x.numSeqs, x.horizon);
  }
  return { loss: tf.add(pgLoss, tf.mul(klLoss, x.klCoef)), pgLoss, klLoss, clipFrac };
}

/** Applies gradients clipped to a global norm; returns the norm before clipping. */
export async function applyClipped(optimizer: tf.Optimizer, grads: tf.NamedTensorMap, maxNorm: number): Promise<number> {
  // pairwise adds, not addN: WebGPU caps storage buffers per shader stage (16 on an H200), and a model has more parameters
  const squared = tf.tidy(() => Object.values(grads).map((g) => tf.sum(tf.square(g))).reduce((a, b) => tf.add(a, b)));
  const norm = Math.sqrt((await squared.data())[0]);
  squared.dispose();
  const scale = Number.isFinite(norm) && norm > maxNorm ? maxNorm / norm : 1;
  const scaled = scale === 1 ? grads : tf.tidy(() => Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, tf.mul(g, scale)])));
  if (Number.isFinite(norm)) optimizer.applyGradients(scaled);
  if (scaled !== grads) Object.values(scaled).forEach((g) => g.dispose());
  return norm;
}
