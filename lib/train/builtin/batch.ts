import * as tf from "@tensorflow/tfjs-core";
import { hiddenStates, logitsAt, type ModelConfig, type Weights } from "./model";

/** A token sequence and the choices in it (a rollout, or an oracle trajectory for SFT). */
export interface Sequence {
  ids: number[];
  decisions: { position: number; allowed: number[] }[];
}

/** Sequences padded into one batch, with the choices flattened (N of them) and their masks. */
export interface TokenBatch {
  ids: tf.Tensor2D;
  /** b·T + position − 1 for every choice: where its logits come from. */
  flat: tf.Tensor1D;
  targets: tf.Tensor2D;
  /** 0 for allowed tokens, −1e9 for the rest: the grammar's mask, as at sampling time. */
  maskBias: tf.Tensor2D;
  /** The sequence of each choice. */
  seqOf: number[];
  numSeqs: number;
  /** Tokens fed (padding excluded). */
  tokens: number;
  dispose(): void;
}

export function makeBatch(seqs: Sequence[], vocabSize: number): TokenBatch {
  const T = Math.max(1, ...seqs.map((s) => (s.decisions.length ? s.decisions[s.decisions.length - 1].position : 1)));
  const ids = new Int32Array(seqs.length * T);
  const flat: number[] = [];
  const targets: number[] = [];
  const seqOf: number[] = [];
  let tokens = 0;
  seqs.forEach((s, b) => {
    const n = Math.min(T, s.ids.length);
    ids.set(s.ids.slice(0, n), b * T);
    tokens += n;
    for (const d of s.decisions) {
      flat.push(b * T + d.position - 1);
      targets.push(s.ids[d.position]);
      seqOf.push(b);
    }
  });
  const mask = new Float32Array(flat.length * vocabSize).fill(-1e9);
  let row = 0;
  for (const s of seqs)
    for (const d of s.decisions) {
      for (const a of d.allowed) mask[row * vocabSize + a] = 0;
      row++;
    }
  const tensors = {
    ids: tf.tensor2d(ids, [seqs.length, T], "int32"),
    flat: tf.tensor1d(flat, "int32"),
    targets: tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(targets, "int32"), vocabSize), "float32") as tf.Tensor2D),
    maskBias: tf.tensor2d(mask, [flat.length, vocabSize]),
  };
  return { ...tensors, seqOf, numSeqs: seqs.length, tokens, dispose: () => Object.values(tensors).forEach((t) => t.dispose()) };
}

/** Log-probabilities of the chosen tokens and the entropies of their (masked, temperature-scaled) distributions. */
export function choiceLogprobs(w: Weights, config: ModelConfig, batch: TokenBatch, temperature: number): { logp: tf.Tensor1D; entropy: tf.Tensor1D } {
  const logits = logitsAt(w, hiddenStates(w, config, batch.ids), batch.flat);
  const logProbs = tf.logSoftmax(tf.div(tf.add(logits, batch.maskBias), temperature));
  return {
    logp: tf.sum(tf.mul(logProbs, batch.targets), 1) as tf.Tensor1D,
    entropy: tf.neg(tf.sum(tf.mul(tf.exp(logProbs), logProbs), 1)) as tf.Tensor1D,
  };
}
