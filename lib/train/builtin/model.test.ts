import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { choiceLogprobs, makeBatch, type Sequence } from "./batch";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { JsNet } from "./jsnet";
import { extend, disposeCache } from "./model";
import { Policy } from "./policy";
import { selectTfBackend } from "./tf-backend";
import { Vocab } from "./vocab";

// A vocabulary of 40-odd tokens and a tiny network: the point is the arithmetic, not the domain.
const vocab = new Vocab({ version: 1, slots: 4, words: ["a", "b", "c"], keys: ["k"], tools: [{ name: "t", kind: "read", params: [{ name: "k", type: "string", required: true }] }], facts: [{ name: "f", flag: false }], reasons: [] });
const size = { dModel: 16, layers: 2, heads: 2, contextLength: 32, slots: 4 };
const seqs: Sequence[] = [0, 1, 2].map((b) => ({
  ids: Array.from({ length: 18 + b }, (_, i) => (i * 5 + b * 3) % vocab.size),
  decisions: [
    { position: 6, allowed: [1, 2, 3, (30 + b * 3) % vocab.size] },
    { position: 15 + b, allowed: [4, 5, 6, 7, 8, ((15 + b) * 5 + b * 3) % vocab.size] },
  ],
}));

beforeAll(async () => {
  await selectTfBackend("wasm");
});

const logprobs = (policy: Policy) => tf.tidy(() => Array.from(choiceLogprobs(policy.weights, policy.config, makeBatch(seqs, vocab.size), 1).logp.dataSync()));

describe("policy network", () => {
  it.each(["alibi", "learned"] as const)("has analytic gradients that match finite differences (%s positions; so the wasm kernels and custom gradients are right)", (positions) => {
    const policy = Policy.fresh(vocab, { ...size, positions }, 3);
    const batch = makeBatch(seqs, vocab.size);
    const loss = () => tf.neg(tf.mean(choiceLogprobs(policy.weights, policy.config, batch, 1).logp)) as tf.Scalar;
    const { grads } = tf.variableGrads(loss, Object.values(policy.variables));
    for (const name of ["tok_emb", "pos_emb", "l0.wq", "l1.w1", "l1.wo", "lnf.g"].filter((n) => policy.variables[n])) {
      const v = policy.variables[name];
      const g = grads[v.name].dataSync();
      const base = v.dataSync().slice();
      for (const i of [1, 7, 33].filter((k) => k < base.length)) {
        const at = (delta: number) => {
          const x = base.slice();
          x[i] += delta;
          v.assign(tf.tensor(x, v.shape));
          return tf.tidy(() => loss().dataSync()[0]);
        };
        const numeric = (at(1e-2) - at(-1e-2)) / 2e-2;
        v.assign(tf.tensor(base, v.shape));
        expect(Math.abs(numeric - g[i]), `${name}[${i}]`).toBeLessThan(2e-3 + 0.05 * Math.abs(numeric));
      }
    }
    expect(Math.max(...Object.values(grads).map((t) => tf.max(tf.abs(t)).dataSync()[0]))).toBeGreaterThan(1e-3);
    policy.dispose();
  });

  it.each(["alibi", "learned"] as const)("gives the same next-token logits from the JS sampler, the tfjs cache and the batched forward (%s positions)", async (positions) => {
    const policy = Policy.fresh(vocab, { ...size, positions }, 4);
    const ids = seqs[1].ids;
    const session = new JsNet(policy.config, await policy.values()).session();
    const js = session.next(ids.slice(0, 10));
    const js1 = session.next(ids.slice(0, 11));
    const js2 = session.next(ids.slice(0, 13));
    const first = await extend(policy.weights, policy.config, null, ids.slice(0, 10));
    const single = await extend(policy.weights, policy.config, first.cache, ids.slice(10, 11)); // one token: decoding
    const second = await extend(policy.weights, policy.config, single.cache, ids.slice(11, 13));
    disposeCache(second.cache);
    for (let t = 0; t < vocab.size; t++) {
      expect(js[t]).toBeCloseTo(first.logits[t], 4);
      expect(js1[t]).toBeCloseTo(single.logits[t], 4);
      expect(js2[t]).toBeCloseTo(second.logits[t], 4);
    }
    // the batched training forward agrees on the log-probability of a choice at position 13
    const one: Sequence = { ids: ids.slice(0, 14), decisions: [{ position: 13, allowed: Array.from({ length: vocab.size }, (_, i) => i) }] };
    const lp = tf.tidy(() => choiceLogprobs(policy.weights, policy.config, makeBatch([one], vocab.size), 1).logp.dataSync()[0]);
    const max = Math.max(...js2);
    const logZ = max + Math.log(js2.reduce((a, x) => a + Math.exp(x - max), 0));
    expect(lp).toBeCloseTo(js2[ids[13]] - logZ, 4);
    policy.dispose();
  });

  it("saves a checkpoint (weights, config, vocab) that loads back with identical log-probabilities", async () => {
    const policy = Policy.fresh(vocab, size, 5);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "builtin-ckpt-"));
    await saveCheckpoint(dir, policy, { step: 7, phase: "grpo", seed: 5 });
    expect(fs.readdirSync(dir).sort()).toEqual(["config.json", "vocab.json", "weights.bin"]);
    const { policy: loaded, meta } = loadCheckpoint(dir);
    expect(meta).toMatchObject({ step: 7, phase: "grpo" });
    expect(loaded.vocab.tokens).toEqual(policy.vocab.tokens);
    expect(logprobs(loaded)).toEqual(logprobs(policy));
    fs.writeFileSync(path.join(dir, "weights.bin"), Buffer.alloc(8));
    expect(() => loadCheckpoint(dir)).toThrow(/too short/);
    fs.rmSync(dir, { recursive: true });
    policy.dispose();
    loaded.dispose();
  });
});
