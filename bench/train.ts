/**
 * Built-in trainer benchmark (`npm run bench train`): the active tfjs backend's matmul GFLOP/s
 * (plain and the transposed / batched shapes attention and gradients use), generation speed of
 * the policy (the JS sampler and the tfjs one) on the clinic domain, and seconds per SFT and GRPO
 * step. FLYWHEEL_TFJS_BACKEND=webgpu|wasm|cpu picks the backend (default wasm), so the same
 * script on a GPU machine reports WebGPU throughput. Figures only; asserts nothing.
 */
import os from "node:os";
import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { planSplit, splitItem } from "@/lib/export";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import { METRICS, RoundSpec, type TrainEventInput } from "@/lib/train/protocol";
import { Policy, type Sampler } from "@/lib/train/builtin/policy";
import { playEpisode } from "@/lib/train/builtin/rollout";
import { selectTfBackend } from "@/lib/train/builtin/tf-backend";
import { trainBuiltin } from "@/lib/train/builtin/trainer";
import { buildVocab } from "@/lib/train/builtin/vocab";

const fmt = (x: number, digits = 1) => x.toLocaleString("en", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Milliseconds per call (at least `minMs` of calls, after one warm-up), reading the result back. */
async function timeOp(f: () => tf.Tensor, minMs = 600): Promise<number> {
  const run = async () => {
    const out = f();
    await out.data();
    out.dispose();
  };
  await run();
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < minMs) {
    await run();
    n++;
  }
  return (performance.now() - start) / n;
}

async function matmuls(): Promise<void> {
  for (const n of [256, 512, 1024]) {
    const a = tf.randomNormal([n, n]);
    const b = tf.randomNormal([n, n]);
    const ms = await timeOp(() => tf.matMul(a, b));
    console.log(`matmul ${n}×${n}×${n}`.padEnd(34), `${fmt((2 * n ** 3) / ms / 1e6)} GFLOP/s`);
    tf.dispose([a, b]);
  }
  const [M, K, N] = [2048, 64, 256];
  const x = tf.randomNormal([M, K]);
  const w = tf.randomNormal([K, N]);
  const wt = tf.randomNormal([N, K]);
  const flops = 2 * M * K * N;
  for (const [label, f] of [
    ["  [2048,64]·[64,256]", () => tf.matMul(x, w)],
    ["  same, B transposed (flag)", () => tf.matMul(x, wt, false, true)],
    ["  same, B transposed (explicit)", () => tf.matMul(x, tf.transpose(wt))],
  ] as const)
    console.log(label.padEnd(34), `${fmt(flops / (await timeOp(f)) / 1e6)} GFLOP/s`);
  const q = tf.randomNormal([64, 160, 16]);
  const k = tf.randomNormal([64, 16, 160]);
  console.log("  batched attention [64,160,16]·[64,16,160]".padEnd(34), `${fmt((2 * 64 * 160 * 160 * 16) / (await timeOp(() => tf.matMul(q, k))) / 1e6)} GFLOP/s`);
  tf.dispose([x, w, wt, q, k]);
}

export async function benchTrain(): Promise<void> {
  const choice = await selectTfBackend();
  console.log(`backend: ${choice.note}`);
  await matmuls();

  const tasks = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name }).cases.map((testCase, i) => ({ id: `clinic-${i}`, testCase, domain: clinicDomain }));
  const plan = planSplit(tasks.map(splitItem), { seed: 1, validationRatio: 0.25 });
  const train = tasks.filter((t) => plan.assignment.get(t.id) === "train");
  const validation = tasks.filter((t) => plan.assignment.get(t.id) === "validation");
  const vocab = buildVocab({ domain: clinicDomain, cases: train.map((t) => t.testCase), conversations: train.map((t) => normalTrajectory(t.testCase, clinicDomain)) });

  // generation: untrained policies play until the turn limit, so every episode is long
  for (const dModel of [64, 128]) {
    const policy = Policy.fresh(vocab, { dModel, layers: 2, heads: 4, contextLength: 384, slots: 48 }, 1);
    for (const sampler of ["js", "tfjs"] as Sampler[]) {
      const actor = await policy.actor(sampler);
      const start = performance.now();
      let tokens = 0;
      let choices = 0;
      for (const [i, task] of train.slice(0, sampler === "js" ? 8 : 3).entries()) {
        const t = await playEpisode(actor, task, { temperature: 1, greedy: false, random: Math.random, maxNewTokens: 48, maxTurns: 12, userSeed: i });
        tokens += t.ids.length;
        choices += t.decisions.length;
      }
      const s = (performance.now() - start) / 1000;
      console.log(`generation d=${dModel} ${sampler.padEnd(4)} (${fmt(policy.parameterCount / 1000, 0)}k params)`.padEnd(34), `${fmt(tokens / s, 0)} tokens/s, ${fmt(choices / s, 0)} sampled tokens/s`);
    }
    policy.dispose();
  }

  // training steps: the CI run's shape (d_model 48, 16 conversations per SFT step, 4 tasks × 4 rollouts per GRPO step)
  const events: TrainEventInput[] = [];
  const spec = RoundSpec.parse({
    backend: "builtin",
    dataset: { kind: "domain", domainSlug: clinicDomain.slug },
    seed: 1,
    model: { kind: "scratch", path: "", options: { dModel: 48, layers: 2, heads: 4, contextLength: 256, backend: choice.backend } },
    grpo: { n: 4, batchSize: 4, maxTurns: 10 },
    schedule: { sftSteps: 10, steps: 3, evalEvery: 100, saveEvery: 100 },
    backendOptions: { sftLearningRate: 0.015, sftBatchSize: 16 },
  });
  await trainBuiltin({ runId: 0, spec, data: { label: "clinic", domain: clinicDomain, train, validation }, runDir: path.join(os.tmpdir(), "flywheel-bench-train") }, (e) => events.push(e), new AbortController().signal);
  const steps = (phase: string) => events.flatMap((e) => (e.type === "metrics" && e.phase === phase ? [e.data] : []));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const sft = steps("sft").slice(1); // the first step pays for warm-up
  const grpo = steps("grpo");
  console.log("SFT step (16 conversations)".padEnd(34), `${fmt(mean(sft.map((d) => d[METRICS.stepTime])), 2)} s, ${fmt(mean(sft.map((d) => d[METRICS.throughput])), 0)} tokens/s`);
  console.log("GRPO step (4 tasks × 4 rollouts)".padEnd(34), `${fmt(mean(grpo.map((d) => d[METRICS.stepTime])), 2)} s (generation ${fmt(mean(grpo.map((d) => d["timing_s/gen"])), 2)} s, update ${fmt(mean(grpo.map((d) => d["timing_s/update"])), 2)} s)`);
}
