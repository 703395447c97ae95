import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { choiceLogprobs, makeBatch, type Sequence } from "./batch";
import { aggregate, groupAdvantages, grpoLoss, zeroStdFraction } from "./grpo";
import { disposeWeights, Policy } from "./policy";
import { selectTfBackend } from "./tf-backend";
import { grpoUpdate } from "./update";
import { Vocab } from "./vocab";

beforeAll(async () => {
  await selectTfBackend("wasm");
});

const t1 = (xs: number[]) => tf.tensor1d(xs);
const val = (t: tf.Tensor) => t.dataSync()[0];

describe("GRPO", () => {
  it("normalises advantages within each group (unbiased std); a group of equal rewards teaches nothing", () => {
    const adv = groupAdvantages([1, 0, 0, 1, 1, 1, 1, 1], ["a", "a", "a", "a", "b", "b", "b", "b"]);
    const s = Math.sqrt(1 / 3); // unbiased std of [1,0,0,1]
    [0.5, -0.5, -0.5, 0.5].forEach((d, i) => expect(adv[i]).toBeCloseTo(d / s, 4));
    expect(adv.slice(4)).toEqual([0, 0, 0, 0]);
    expect(zeroStdFraction([1, 0, 0, 1, 1, 1, 1, 1], ["a", "a", "a", "a", "b", "b", "b", "b"])).toBe(0.5);
    expect(groupAdvantages([1, 0], [1, 1], false)).toEqual([0.5, -0.5]); // Dr. GRPO: no std
    expect(groupAdvantages([0.3], [1])[0]).toBeCloseTo(0.3, 5); // a lone rollout: mean 0, std 1
  });

  it("clips the ratio: a positive advantage stops gaining past 1 + ε, a negative one keeps its full (pessimistic) loss", () => {
    const base = { refLogp: null, seqOf: [0, 1], numSeqs: 2, clipRatio: 0.2, klCoef: 0, mode: "token-mean" as const, horizon: 10 };
    const up = Math.log(1.5); // ratio 1.5 on both tokens
    const pos = grpoLoss({ ...base, logp: t1([up, up]), oldLogp: t1([0, 0]), advantages: t1([1, 1]) });
    expect(val(pos.pgLoss)).toBeCloseTo(-1.2, 5);
    expect(val(pos.clipFrac)).toBe(1);
    const neg = grpoLoss({ ...base, logp: t1([up, up]), oldLogp: t1([0, 0]), advantages: t1([-1, -1]) });
    expect(val(neg.pgLoss)).toBeCloseTo(1.5, 5);
    expect(val(neg.clipFrac)).toBe(0);
    // the gradient of a clipped token is zero; inside the range it is −A·ratio
    const g = tf.grad((lp: tf.Tensor) => grpoLoss({ ...base, logp: lp as tf.Tensor1D, oldLogp: t1([0, 0]), advantages: t1([1, 1]) }).loss);
    expect(Array.from(g(t1([up, Math.log(1.1)])).dataSync()).map((x) => +x.toFixed(4))).toEqual([0, -0.55]);
  });

  it("aggregates per verl's loss_agg_mode", () => {
    const x = t1([1, 2, 3, 6]);
    const seqOf = [0, 0, 0, 1];
    expect(val(aggregate(x, "token-mean", seqOf, 2, 10))).toBeCloseTo(3);
    expect(val(aggregate(x, "seq-mean-token-sum", seqOf, 2, 10))).toBeCloseTo((6 + 6) / 2);
    expect(val(aggregate(x, "seq-mean-token-mean", seqOf, 2, 10))).toBeCloseTo((2 + 6) / 2);
    expect(val(aggregate(x, "seq-mean-token-sum-norm", seqOf, 2, 10))).toBeCloseTo(12 / 10);
  });

  it("has zero KL when the policy is its reference, and a positive KL once the policy moved", async () => {
    const vocab = new Vocab({ version: 1, slots: 2, words: ["a"], keys: [], tools: [], facts: [], reasons: [] });
    const policy = Policy.fresh(vocab, { dModel: 16, layers: 1, heads: 2, contextLength: 16, slots: 2 }, 9);
    const seqs: Sequence[] = [0, 1, 2, 3].map((b) => ({ ids: Array.from({ length: 10 }, (_, i) => (i + b) % vocab.size), decisions: [{ position: 8, allowed: [0, 1, 2, 3, 4, 5, (8 + b) % vocab.size] }, { position: 9, allowed: [2, 3, (9 + b) % vocab.size] }] }));
    const reference = policy.frozen();
    const settings = { clipRatio: 0.2, klCoef: 1, mode: "token-mean" as const, temperature: 1, horizon: 16, miniBatches: 2, epochs: 1, maxGradNorm: 1 };
    const batch = makeBatch(seqs, vocab.size);
    const lp = tf.tidy(() => choiceLogprobs(policy.weights, policy.config, batch, 1).logp);
    const same = grpoLoss({ logp: lp, oldLogp: lp, refLogp: lp, advantages: t1([1, -1, 1, -1, 1, -1, 1, -1]), seqOf: batch.seqOf, numSeqs: 4, clipRatio: 0.2, klCoef: 1, mode: "token-mean", horizon: 16 });
    expect(val(same.klLoss)).toBe(0);
    const optimizer = tf.train.adam(0.05);
    const first = await grpoUpdate(policy, optimizer, reference, seqs, [1, -1, 1, -1], { ...settings, miniBatches: 1 });
    expect(first.klLoss).toBeLessThan(1e-6); // one mini-batch, before any update: exactly the reference
    expect(first.clipFrac).toBe(0); // …and the ratio is exactly 1
    expect(first.gradNorm).toBeGreaterThan(0);
    const second = await grpoUpdate(policy, optimizer, reference, seqs, [1, -1, 1, -1], settings);
    expect(second.klLoss).toBeGreaterThan(1e-5); // moved away from the reference
    expect(second.entropy).toBeGreaterThan(0);
    disposeWeights(reference);
    policy.dispose();
  });
});
