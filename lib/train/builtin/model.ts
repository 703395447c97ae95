import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients";
import { alibiSlopes, usesAlibi, type ModelConfig } from "./network";

export { alibiSlopes, initialValues, usesAlibi, weightShapes, type ModelConfig } from "./network";

/** The policy network on tfjs (network.ts has its shape): weights are plain named tensors; the trainable copy holds them in tf.Variables, the frozen reference in constants. */
export type Weights = Record<string, tf.Tensor>;

/**
 * A 2-D matmul whose gradient uses explicit transposes: tfjs's wasm kernel takes a fast path only
 * for untransposed operands, and the transposed products of the default gradient run 5–15×
 * slower there (bench/train.ts measures both).
 */
export const mm = tf.customGrad(((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([a, b]);
  return {
    value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor, [sa, sb]: tf.Tensor[]) => [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor2D;

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), g), b);
}

const gelu = (x: tf.Tensor) => tf.mul(x, tf.sigmoid(tf.mul(x, 1.702)));

/** Per-layer attention keys and values of the tokens seen so far ([1, heads, seen, dHead] each). */
export interface KvCache {
  seen: number;
  keys: tf.Tensor[];
  values: tf.Tensor[];
}

/** The additive attention bias: query i (at absolute position past + i) sees keys 0 … past + i, ALiBi-penalised by distance. */
function attentionBias(c: ModelConfig, queries: number, past: number): tf.Tensor {
  const keys = past + queries;
  const slopes = usesAlibi(c) ? alibiSlopes(c.heads) : [0];
  const m = new Float32Array(slopes.length * queries * keys);
  slopes.forEach((slope, h) => {
    for (let i = 0; i < queries; i++)
      for (let j = 0; j < keys; j++) m[(h * queries + i) * keys + j] = j > past + i ? -1e9 : -slope * (past + i - j);
  });
  return tf.tensor3d(m, [slopes.length, queries, keys]);
}

/**
 * The blocks over `x` ([B, T, d], positions `past`…`past+T-1`). With a cache (B = 1), attention
 * also sees the cached keys and values, and the new ones are returned for the next call.
 */
function blocks(w: Weights, c: ModelConfig, x: tf.Tensor, past: number, cache?: KvCache): { h: tf.Tensor; keys: tf.Tensor[]; values: tf.Tensor[] } {
  const [B, T] = x.shape;
  const H = c.heads;
  const dh = c.dModel / H;
  const mask = attentionBias(c, T, past);
  const split = (t: tf.Tensor) => tf.transpose(tf.reshape(t, [B, T, H, dh]), [0, 2, 1, 3]);
  const keys: tf.Tensor[] = [];
  const values: tf.Tensor[] = [];
  let h = x;
  for (let l = 0; l < c.layers; l++) {
    const p = (n: string) => w[`l${l}.${n}`];
    const a = tf.reshape(layerNorm(h, p("ln1.g"), p("ln1.b")), [B * T, c.dModel]);
    const q = split(mm(a, p("wq")));
    let k = split(mm(a, p("wk")));
    let v = split(mm(a, p("wv")));
    if (cache) {
      k = tf.concat([cache.keys[l], k], 2);
      v = tf.concat([cache.values[l], v], 2);
    }
    keys.push(k);
    values.push(v);
    const att = tf.softmax(tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), mask));
    const o = tf.reshape(tf.transpose(tf.matMul(att, v), [0, 2, 1, 3]), [B * T, c.dModel]);
    h = tf.add(h, tf.reshape(tf.add(mm(o, p("wo")), p("bo")), [B, T, c.dModel]));
    const m = tf.reshape(layerNorm(h, p("ln2.g"), p("ln2.b")), [B * T, c.dModel]);
    const f = tf.add(mm(gelu(tf.add(mm(m, p("w1")), p("b1"))), p("w2")), p("b2"));
    h = tf.add(h, tf.reshape(f, [B, T, c.dModel]));
  }
  return { h, keys, values };
}

/** A float one-hot (cast: tfjs-wasm's oneHot with dtype float32 writes the integer bit pattern, 1 → 1e-45). */
const oneHot = (indices: tf.Tensor1D, depth: number) => tf.cast(tf.oneHot(indices, depth), "float32");

// Lookups are one-hot products, not gathers: the gather's gradient (UnsortedSegmentSum) has no
// kernel on tfjs's wasm backend, and at this size the products are cheap.
function embed(w: Weights, ids: tf.Tensor2D, past: number): tf.Tensor {
  const [B, T] = ids.shape;
  const d = w.tok_emb.shape[1]!;
  const tokens = tf.reshape(mm(oneHot(tf.reshape(ids, [-1]) as tf.Tensor1D, w.tok_emb.shape[0]), w.tok_emb), [B, T, d]);
  return w.pos_emb ? tf.add(tokens, tf.slice(w.pos_emb, [past, 0], [T, -1])) : tokens;
}

/** Logits of the next token after the given flat positions (b·T + t) of hidden states [B, T, d]. */
export function logitsAt(w: Weights, hidden: tf.Tensor, flat: tf.Tensor1D): tf.Tensor2D {
  const d = hidden.shape[hidden.shape.length - 1];
  const rows = tf.reshape(hidden, [-1, d]);
  const h = mm(oneHot(flat, rows.shape[0]), rows);
  return mm(layerNorm(h, w["lnf.g"], w["lnf.b"]), tf.transpose(w.tok_emb));
}

/** Hidden states of whole sequences ([B, T] ids, right-padded: padding never reaches a real position). */
export function hiddenStates(w: Weights, c: ModelConfig, ids: tf.Tensor2D): tf.Tensor {
  return blocks(w, c, embed(w, ids, 0), 0).h;
}

/**
 * Feeds the next tokens of one sequence through the network with a key/value cache; returns the
 * logits after the last of them and the grown cache (the old one is disposed).
 */
export async function extend(w: Weights, c: ModelConfig, cache: KvCache | null, ids: number[]): Promise<{ logits: Float32Array; cache: KvCache }> {
  const past = cache?.seen ?? 0;
  const out = tf.tidy(() => {
    const { h, keys, values } = blocks(w, c, embed(w, tf.tensor2d([ids], [1, ids.length], "int32"), past), past, cache ?? undefined);
    const last = tf.slice(tf.reshape(h, [ids.length, c.dModel]), [ids.length - 1, 0], [1, c.dModel]);
    return { logits: mm(layerNorm(last, w["lnf.g"], w["lnf.b"]), tf.transpose(w.tok_emb)), keys, values };
  });
  if (cache) disposeCache(cache);
  const logits = (await out.logits.data()) as Float32Array; // async: WebGPU in Node has no synchronous readback
  out.logits.dispose();
  return { logits: new Float32Array(logits), cache: { seen: past + ids.length, keys: out.keys, values: out.values } };
}

export function disposeCache(cache: KvCache): void {
  for (const t of [...cache.keys, ...cache.values]) t.dispose();
}
