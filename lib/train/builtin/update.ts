import * as tf from "@tensorflow/tfjs-core";
import { choiceLogprobs, makeBatch, type Sequence } from "./batch";
import { applyClipped, grpoLoss, type LossAggMode } from "./grpo";
import type { Weights } from "./model";
import type { Policy } from "./policy";

/**
 * The two kinds of update: supervised (SFT warm start: maximise the log-probability of the
 * oracle's choices) and GRPO (PPO-style clipped surrogate with group advantages and a KL
 * penalty to the reference, over mini-batches). Both see every choice under the grammar's mask,
 * exactly as the sampler did; forced tokens are not choices and carry no loss.
 */

export interface SftStats {
  loss: number;
  gradNorm: number;
  tokens: number;
}

export async function sftUpdate(policy: Policy, optimizer: tf.Optimizer, seqs: Sequence[], maxGradNorm: number): Promise<SftStats> {
  const batch = makeBatch(seqs, policy.config.vocabSize);
  try {
    const { value, grads } = tf.variableGrads(() => tf.neg(tf.mean(choiceLogprobs(policy.weights, policy.config, batch, 1).logp)) as tf.Scalar, Object.values(policy.variables));
    const loss = (await value.data())[0];
    value.dispose();
    const gradNorm = await applyClipped(optimizer, grads, maxGradNorm);
    Object.values(grads).forEach((g) => g.dispose());
    return { loss, gradNorm, tokens: batch.tokens };
  } finally {
    batch.dispose();
  }
}

export interface GrpoUpdateSettings {
  clipRatio: number;
  klCoef: number;
  mode: LossAggMode;
  temperature: number;
  /** seq-mean-token-sum-norm's constant divisor. */
  horizon: number;
  miniBatches: number;
  epochs: number;
  maxGradNorm: number;
}

export interface GrpoStats {
  pgLoss: number;
  klLoss: number;
  clipFrac: number;
  entropy: number;
  gradNorm: number;
  tokens: number;
}

/** Log-probabilities of every choice of the sequences under some weights (no gradient). */
async function logprobsOf(policy: Policy, weights: Weights, seqs: Sequence[], temperature: number): Promise<Float32Array> {
  const batch = makeBatch(seqs, policy.config.vocabSize);
  try {
    const logp = tf.tidy(() => choiceLogprobs(weights, policy.config, batch, temperature).logp);
    const out = (await logp.data()) as Float32Array;
    logp.dispose();
    return out;
  } finally {
    batch.dispose();
  }
}

/** One GRPO update on a step's rollouts (`advantages`: one per sequence). */
export async function grpoUpdate(policy: Policy, optimizer: tf.Optimizer, reference: Weights | null, seqs: Sequence[], advantages: number[], s: GrpoUpdateSettings): Promise<GrpoStats> {
  const offsets: number[] = [];
  seqs.reduce((n, q) => (offsets.push(n), n + q.decisions.length), 0);
  const old = await logprobsOf(policy, policy.weights, seqs, s.temperature);
  const ref = reference && s.klCoef > 0 ? await logprobsOf(policy, reference, seqs, s.temperature) : null;
  const sums = { pgLoss: 0, klLoss: 0, clipFrac: 0, entropy: 0, gradNorm: 0, tokens: 0 };
  let updates = 0;
  const size = Math.ceil(seqs.length / Math.max(1, s.miniBatches));
  for (let epoch = 0; epoch < s.epochs; epoch++) {
    for (let start = 0; start < seqs.length; start += size) {
      const idx = seqs.map((_, i) => i).slice(start, start + size).filter((i) => seqs[i].decisions.length);
      if (!idx.length) continue;
      const pick = (all: Float32Array) => idx.flatMap((i) => Array.from(all.subarray(offsets[i], offsets[i] + seqs[i].decisions.length)));
      const batch = makeBatch(idx.map((i) => seqs[i]), policy.config.vocabSize);
      const seqOf = batch.seqOf;
      const kept: tf.Tensor[] = [];
      try {
        const { value, grads } = tf.variableGrads(() => {
          const { logp, entropy } = choiceLogprobs(policy.weights, policy.config, batch, s.temperature);
          const parts = grpoLoss({
            logp,
            oldLogp: tf.tensor1d(pick(old)),
            refLogp: ref ? tf.tensor1d(pick(ref)) : null,
            advantages: tf.tensor1d(seqOf.map((b) => advantages[idx[b]])),
            seqOf,
            numSeqs: idx.length,
            clipRatio: s.clipRatio,
            klCoef: s.klCoef,
            mode: s.mode,
            horizon: s.horizon,
          });
          kept.push(tf.keep(parts.pgLoss), tf.keep(parts.klLoss), tf.keep(parts.clipFrac), tf.keep(tf.mean(entropy)));
          return parts.loss;
        }, Object.values(policy.variables));
        value.dispose();
        const [pg, kl, clip, ent] = (await Promise.all(kept.map((t) => t.data()))).map((d) => d[0]);
        sums.pgLoss += pg;
        sums.klLoss += kl;
        sums.clipFrac += clip;
        sums.entropy += ent;
        sums.gradNorm += await applyClipped(optimizer, grads, s.maxGradNorm);
        sums.tokens += batch.tokens;
        Object.values(grads).forEach((g) => g.dispose());
        updates++;
      } finally {
        kept.forEach((t) => t.dispose());
        batch.dispose();
      }
    }
  }
  const n = Math.max(1, updates);
  return { pgLoss: sums.pgLoss / n, klLoss: sums.klLoss / n, clipFrac: sums.clipFrac / n, entropy: sums.entropy / n, gradNorm: sums.gradNorm / n, tokens: sums.tokens };
}
