import { createRng } from "@/lib/synth/prng";

/**
 * The policy network: a small decoder-only transformer (token + learned position embeddings,
 * pre-norm blocks of causal multi-head attention and a GELU MLP, output tied to the token
 * embeddings so a slot's logit is the hidden state's match with that slot's embedding: copying
 * a value is pointing at it). This module holds its shape and initial values, free of tfjs, so
 * a checkpoint can be read and run (jsnet.ts) without loading the trainer's tensor library;
 * model.ts runs it on tfjs.
 */
export interface ModelConfig {
  vocabSize: number;
  contextLength: number;
  dModel: number;
  layers: number;
  heads: number;
  /** "alibi": no position embeddings, a per-head linear distance penalty in attention (the same move reads the same wherever it happens); "learned": absolute embeddings. */
  positions?: "alibi" | "learned";
}

export const usesAlibi = (c: ModelConfig) => (c.positions ?? "alibi") === "alibi";

/** ALiBi's per-head slopes: 2^(−8(h+1)/H). */
export const alibiSlopes = (heads: number) => Array.from({ length: heads }, (_, h) => 2 ** ((-8 * (h + 1)) / heads));

export function weightShapes(c: ModelConfig): Record<string, number[]> {
  const d = c.dModel;
  const shapes: Record<string, number[]> = { tok_emb: [c.vocabSize, d], ...(usesAlibi(c) ? {} : { pos_emb: [c.contextLength, d] }), "lnf.g": [d], "lnf.b": [d] };
  for (let l = 0; l < c.layers; l++) {
    Object.assign(shapes, {
      [`l${l}.ln1.g`]: [d], [`l${l}.ln1.b`]: [d], [`l${l}.wq`]: [d, d], [`l${l}.wk`]: [d, d], [`l${l}.wv`]: [d, d], [`l${l}.wo`]: [d, d], [`l${l}.bo`]: [d],
      [`l${l}.ln2.g`]: [d], [`l${l}.ln2.b`]: [d], [`l${l}.w1`]: [d, 4 * d], [`l${l}.b1`]: [4 * d], [`l${l}.w2`]: [4 * d, d], [`l${l}.b2`]: [d],
    });
  }
  return shapes;
}

/** GPT-2 style initial values from a seeded generator (the same seed gives the same network on any backend). */
export function initialValues(c: ModelConfig, seed: number): Record<string, Float32Array> {
  const rng = createRng(seed);
  const normal = (std: number) => {
    const u = Math.max(rng.next(), 1e-12);
    return std * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
  };
  const out: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(weightShapes(c))) {
    const size = shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(size);
    if (name.endsWith(".g")) values.fill(1);
    else if (shape.length === 2) {
      const std = name.endsWith(".wo") || name.endsWith(".w2") ? 0.02 / Math.sqrt(2 * c.layers) : name === "pos_emb" ? 0.01 : 0.02;
      for (let i = 0; i < size; i++) values[i] = normal(std);
    }
    out[name] = values;
  }
  return out;
}
