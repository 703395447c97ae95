import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { runEpisode } from "@/lib/rollout";
import { METRICS, RoundSpec, type RoundSpecInput, type TrainEvent, type TrainEventInput } from "@/lib/train/protocol";
import { loadBuiltinAgent } from "./agent";
import { builtinBackend } from "./backend";
import { clinicSplit } from "./test-fixture";
import { trainBuiltin } from "./trainer";

const spec = (input: Partial<RoundSpecInput>) => RoundSpec.parse({ backend: "builtin", dataset: { kind: "domain", domainSlug: clinicDomain.slug }, ...input });
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "builtin-run-"));
const of = <T extends TrainEvent["type"]>(events: TrainEventInput[], type: T) => events.filter((e): e is Extract<TrainEventInput, { type: T }> => e.type === type);

/** The CI check of the built-in trainer: a real worker process learns the clinic domain's held-out branches, and stops on request. */
describe("built-in trainer", () => {
  it("trains a tiny policy in a worker process whose validation reward ends above the untrained policy's", async () => {
    const { train, validation } = clinicSplit();
    const runDir = tmp();
    const events: TrainEventInput[] = [];
    const status = await builtinBackend.run({
      runId: 1,
      spec: spec({
        seed: 1,
        model: { kind: "scratch", path: "", options: { dModel: 48, layers: 2, heads: 4, contextLength: 256 } },
        grpo: { n: 4, batchSize: 4, learningRate: 5e-4, klCoef: 0.02, maxTurns: 10 },
        schedule: { sftSteps: 40, steps: 2, evalEvery: 2, saveEvery: 2 },
        backendOptions: { sftLearningRate: 0.015, sftBatchSize: 8 },
      }),
      data: { label: "clinic", domain: clinicDomain, train, validation },
      runDir,
      emit: (e) => events.push(e),
      signal: new AbortController().signal,
    });
    const statuses = of(events, "status").map((e) => e.status);
    expect(status, JSON.stringify(of(events, "status"))).toBe("SUCCEEDED");
    expect(statuses).toEqual(["RUNNING", "SUCCEEDED"]);

    const evals = of(events, "eval");
    expect(evals.map((e) => e.step)).toEqual([0, 0, 2]); // untrained, after SFT, after GRPO
    const [untrained, afterSft, final] = evals;
    const grpoTimes = of(events, "metrics").filter((m) => m.phase === "grpo").map((m) => m.data[METRICS.stepTime].toFixed(2));
    console.log(`validation reward: untrained ${untrained.reward.toFixed(3)}, after SFT ${afterSft.reward.toFixed(3)}, after GRPO ${final.reward.toFixed(3)}; GRPO step s: ${grpoTimes.join(", ")}`);
    expect(untrained.byKind).toMatchObject({ clarify: { n: 4 }, refuse: { n: 1 }, abort: { n: 1 } });
    expect(final.reward).toBeGreaterThan(untrained.reward);

    const sft = of(events, "metrics").filter((m) => m.phase === "sft");
    expect(sft).toHaveLength(40);
    expect(sft[39].data[METRICS.sftLoss]).toBeLessThan(sft[0].data[METRICS.sftLoss] / 3);
    const grpo = of(events, "metrics").filter((m) => m.phase === "grpo");
    expect(grpo.map((m) => m.step)).toEqual([1, 2]);
    for (const name of [METRICS.scoreMean, METRICS.scoreStd, METRICS.passRate, METRICS.zeroStdFrac, METRICS.pgLoss, METRICS.klLoss, METRICS.entropy, METRICS.clipFrac, METRICS.gradNorm, METRICS.responseLengthMean, METRICS.numTurnsMean, METRICS.toolCallsMean, METRICS.stepTime, METRICS.throughput])
      expect(Number.isFinite(grpo[1].data[name]), name).toBe(true);
    const samples = of(events, "sample");
    expect(samples.length).toBe(4);
    expect(samples[0].messages[0]).toMatchObject({ role: "system" });
    expect(["transfer", "clarify", "refuse", "execute", "abort"]).toContain(samples[0].branchKind);

    // the final checkpoint, loaded as an agent, plays the validation cases as the trainer's eval did
    const checkpoints = of(events, "checkpoint");
    expect(checkpoints.map((c) => c.step)).toEqual([2]);
    const agent = await loadBuiltinAgent(checkpoints[0].path);
    const rewards = [];
    for (const task of validation) rewards.push((await runEpisode(agent, task, { maxTurns: 10 })).reward);
    expect(rewards.reduce((a, b) => a + b, 0) / rewards.length).toBeCloseTo(final.reward, 6);
    fs.rmSync(runDir, { recursive: true, force: true });
  }, 120_000);

  it("is seeded: the same seed gives the same run", async () => {
    const { train, validation } = clinicSplit();
    const run = async () => {
      const events: TrainEventInput[] = [];
      const s = spec({ seed: 4, model: { kind: "scratch", path: "", options: { dModel: 16, layers: 1, heads: 2, contextLength: 256 } }, grpo: { n: 2, batchSize: 2, maxTurns: 6 }, schedule: { sftSteps: 3, steps: 1, evalEvery: 1, saveEvery: 1 }, backendOptions: { sftBatchSize: 4 } });
      const status = await trainBuiltin({ runId: 2, spec: s, data: { label: "clinic", domain: clinicDomain, train: train.slice(0, 4), validation: validation.slice(0, 2) }, runDir: tmp() }, (e) => events.push(e), new AbortController().signal);
      expect(status).toBe("SUCCEEDED");
      const timing = /^(timing_s|perf)\//;
      return events
        .filter((e) => e.type !== "log") // the backend note says "already active" the second time
        .map((e) => (e.type === "metrics" ? { ...e, data: Object.fromEntries(Object.entries(e.data).filter(([k]) => !timing.test(k))) } : e.type === "checkpoint" ? { ...e, path: "" } : e));
    };
    const first = await run();
    expect(of(first, "sample").length).toBe(2);
    expect(await run()).toEqual(first);
  }, 60_000);

  it("stops on request: the worker finishes its step, saves a checkpoint and ends STOPPED", async () => {
    const { train, validation } = clinicSplit();
    const runDir = tmp();
    const events: TrainEventInput[] = [];
    const controller = new AbortController();
    const status = await builtinBackend.run({
      runId: 3,
      spec: spec({ model: { kind: "scratch", path: "", options: { dModel: 16, layers: 1, heads: 2 } }, schedule: { sftSteps: 10_000, steps: 10 } }),
      data: { label: "clinic", domain: clinicDomain, train: train.slice(0, 3), validation: validation.slice(0, 1) },
      runDir,
      emit: (e) => {
        events.push(e);
        if (e.type === "metrics" && e.phase === "sft" && e.step === 2) controller.abort();
      },
      signal: controller.signal,
    });
    expect(status).toBe("STOPPED");
    const statuses = events.flatMap((e) => (e.type === "status" ? [e.status] : []));
    expect(statuses).toEqual(["RUNNING", "STOPPED"]);
    const sftSteps = events.flatMap((e) => (e.type === "metrics" && e.phase === "sft" ? [e.step] : []));
    expect(sftSteps.length).toBeLessThan(10);
    const checkpoint = events.find((e) => e.type === "checkpoint");
    expect(checkpoint).toMatchObject({ step: 0 }); // stopped during SFT: no GRPO step yet
    const dir = (checkpoint as { path: string }).path;
    expect(path.basename(dir)).toBe(`sft-${sftSteps[sftSteps.length - 1]}`);
    expect(dir.startsWith(runDir)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(["config.json", "vocab.json", "weights.bin"]);
    expect(fs.existsSync(path.join(runDir, "builtin-job.json"))).toBe(true);
    const agent = await loadBuiltinAgent(dir);
    expect(agent.name).toBe(`builtin:${dir}`);
    fs.rmSync(runDir, { recursive: true, force: true });
  }, 60_000);
});
