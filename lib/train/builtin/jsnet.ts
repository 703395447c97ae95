import { alibiSlopes, type ModelConfig } from "./network";

/**
 * The same network as model.ts, forward only, in plain typed-array loops with a key/value cache:
 * the sampler's engine. Decoding one token at a time is ~100 kFLOP for the default size, far
 * below what tfjs's per-kernel dispatch costs (≈130 kernels a token), so rollouts run here and
 * training (batched, with autograd) runs on tfjs. The weights are copied from the trainable
 * policy after every update; jsnet.test.ts checks the two forwards agree.
 */
export class JsNet {
  constructor(
    readonly config: ModelConfig,
    private readonly w: Record<string, Float32Array>,
  ) {}

  session(): JsSession {
    return new JsSession(this.config, this.w);
  }
}

function layerNorm(x: Float32Array, g: Float32Array, b: Float32Array, out: Float32Array): Float32Array {
  const d = x.length;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += x[i];
  mean /= d;
  let v = 0;
  for (let i = 0; i < d; i++) v += (x[i] - mean) ** 2;
  const inv = 1 / Math.sqrt(v / d + 1e-5);
  for (let i = 0; i < d; i++) out[i] = (x[i] - mean) * inv * g[i] + b[i];
  return out;
}

/** out = x · W (+ bias), W row-major [in, out]. */
function matVec(x: Float32Array, W: Float32Array, out: Float32Array, bias?: Float32Array): Float32Array {
  const n = out.length;
  if (bias) out.set(bias);
  else out.fill(0);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * n;
    for (let j = 0; j < n; j++) out[j] += xi * W[row + j];
  }
  return out;
}

export class JsSession {
  private seen = 0;
  private readonly keys: Float32Array[];
  private readonly values: Float32Array[];
  private readonly x: Float32Array;
  private readonly a: Float32Array;
  private readonly q: Float32Array;
  private readonly o: Float32Array;
  private readonly proj: Float32Array;
  private readonly hid: Float32Array;
  private readonly scores: Float32Array;
  private readonly slopes: number[];
  /** Each layer's weights by short name, and row views of its key/value caches (no lookups or views made per token). */
  private readonly layers: Record<string, Float32Array>[];
  private readonly kRows: Float32Array[][];
  private readonly vRows: Float32Array[][];

  constructor(
    private readonly c: ModelConfig,
    private readonly w: Record<string, Float32Array>,
  ) {
    const d = c.dModel;
    this.keys = Array.from({ length: c.layers }, () => new Float32Array(c.contextLength * d));
    this.values = Array.from({ length: c.layers }, () => new Float32Array(c.contextLength * d));
    [this.x, this.a, this.q, this.o, this.proj] = Array.from({ length: 5 }, () => new Float32Array(d));
    this.hid = new Float32Array(4 * d);
    this.scores = new Float32Array(c.contextLength);
    this.slopes = (c.positions ?? "alibi") === "alibi" ? alibiSlopes(c.heads) : new Array(c.heads).fill(0);
    const names = ["ln1.g", "ln1.b", "wq", "wk", "wv", "wo", "bo", "ln2.g", "ln2.b", "w1", "b1", "w2", "b2"];
    this.layers = Array.from({ length: c.layers }, (_, l) => Object.fromEntries(names.map((n) => [n, w[`l${l}.${n}`]])));
    const rows = (cache: Float32Array) => Array.from({ length: c.contextLength }, (_, p) => cache.subarray(p * d, (p + 1) * d));
    this.kRows = this.keys.map(rows);
    this.vRows = this.values.map(rows);
  }

  /** Logits of the token after `ids` (a sequence that only ever grows). */
  next(ids: readonly number[]): Float32Array {
    if (ids.length <= this.seen) throw new Error("the sequence did not grow since the last call");
    if (ids.length > this.c.contextLength) throw new Error(`the sequence is longer than the context (${this.c.contextLength})`);
    for (let p = this.seen; p < ids.length; p++) this.token(ids[p], p);
    this.seen = ids.length;
    const { w, c } = this;
    const h = layerNorm(this.x, w["lnf.g"], w["lnf.b"], this.a);
    const logits = new Float32Array(c.vocabSize);
    const emb = w.tok_emb;
    const d = c.dModel;
    for (let t = 0; t < c.vocabSize; t++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += h[i] * emb[t * d + i];
      logits[t] = s;
    }
    return logits;
  }

  dispose(): void {}

  /** Runs one token at position p through the blocks, leaving its hidden state in this.x. */
  private token(id: number, p: number): void {
    const { w, c, x, a, q, o, proj, hid, scores } = this;
    const d = c.dModel;
    const H = c.heads;
    const dh = d / H;
    const pos = w.pos_emb;
    for (let i = 0; i < d; i++) x[i] = w.tok_emb[id * d + i] + (pos ? pos[p * d + i] : 0);
    const slopes = this.slopes;
    for (let l = 0; l < c.layers; l++) {
      const W = this.layers[l];
      layerNorm(x, W["ln1.g"], W["ln1.b"], a);
      matVec(a, W.wq, q);
      const K = this.keys[l];
      const V = this.values[l];
      matVec(a, W.wk, this.kRows[l][p]);
      matVec(a, W.wv, this.vRows[l][p]);
      const scale = 1 / Math.sqrt(dh);
      for (let hd = 0; hd < H; hd++) {
        const off = hd * dh;
        let max = -Infinity;
        for (let j = 0; j <= p; j++) {
          let s = 0;
          for (let i = 0; i < dh; i++) s += q[off + i] * K[j * d + off + i];
          scores[j] = s * scale - slopes[hd] * (p - j);
          if (scores[j] > max) max = scores[j];
        }
        let z = 0;
        for (let j = 0; j <= p; j++) z += scores[j] = Math.exp(scores[j] - max);
        for (let i = 0; i < dh; i++) o[off + i] = 0;
        for (let j = 0; j <= p; j++) {
          const pj = scores[j] / z;
          for (let i = 0; i < dh; i++) o[off + i] += pj * V[j * d + off + i];
        }
      }
      matVec(o, W.wo, proj, W.bo);
      for (let i = 0; i < d; i++) x[i] += proj[i];
      layerNorm(x, W["ln2.g"], W["ln2.b"], a);
      matVec(a, W.w1, hid, W.b1);
      for (let i = 0; i < hid.length; i++) hid[i] = hid[i] / (1 + Math.exp(-1.702 * hid[i]));
      matVec(hid, W.w2, proj, W.b2);
      for (let i = 0; i < d; i++) x[i] += proj[i];
    }
  }
}
