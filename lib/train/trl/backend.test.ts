import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { RoundSpec, type RoundData, type RoundSpecInput, type TrainEvent, type TrainEventInput } from "../protocol";
import { runEpisode } from "@/lib/rollout";
import { loadTrlAgent } from "./agent";
import { clinicProblemTasks, clinicTasks, countingProxy, SKIP_REASON, venvMissing } from "./test-fixture";

// The worker's requests, counted by a pass-through in front of the environment server the backend starts.
const proxies: Awaited<ReturnType<typeof countingProxy>>[] = [];
vi.mock("@/lib/envserver", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/envserver")>();
  return {
    ...real,
    startEnvServer: async (options: Parameters<typeof real.startEnvServer>[0]) => {
      const server = await real.startEnvServer(options);
      const proxy = await countingProxy(server.url);
      proxies.push(proxy);
      return { ...server, url: proxy.url, close: async () => (await proxy.close(), await server.close()) };
    },
  };
});
const { trlBackend } = await import("./backend");

const tasks = clinicTasks();
const data = { label: "clinic (test)", domain: tasks[0].domain, train: tasks.slice(3, 7), validation: tasks.slice(7, 9) };
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function spec(over: Partial<RoundSpecInput> = {}): RoundSpec {
  return RoundSpec.parse({
    backend: "trl",
    model: { kind: "hf", path: "tiny-qwen3" },
    dataset: { kind: "domain", domainSlug: "clinic-appointments" },
    grpo: { n: 2, batchSize: 1, maxTurns: 2, maxNewTokens: 8 },
    schedule: { steps: 2, evalEvery: 10, saveEvery: 10 },
    ...over,
  });
}

async function run(s: RoundSpec, stopWhen?: (e: TrainEventInput) => boolean, validation: RoundData["validation"] = data.validation, train: RoundData["train"] = data.train) {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "trl-run-"));
  dirs.push(runDir);
  const events: TrainEvent[] = [];
  const controller = new AbortController();
  const status = await trlBackend.run({
    runId: 1, spec: s, data: { ...data, train, validation }, runDir, signal: controller.signal,
    emit: (e) => {
      events.push(e as TrainEvent);
      if (stopWhen?.(e) && !controller.signal.aborted) controller.abort();
    },
  });
  return { status, events, runDir, counts: proxies[proxies.length - 1].counts };
}

describe("trlBackend: checks before anything starts", () => {
  it("a model path that is not a checkpoint fails with a clear error, and starts no environment server", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "not-a-ckpt-"));
    dirs.push(empty);
    const before = proxies.length;
    const attempt = (p: string) => trlBackend.run({ runId: 1, spec: spec({ model: { kind: "hf", path: p } }), data, runDir: empty, emit: () => {}, signal: new AbortController().signal });
    if (venvMissing) return expect(attempt(empty)).rejects.toThrow(/trainer setup/);
    await expect(attempt(empty)).rejects.toThrow(/no config\.json: not a Hugging Face checkpoint/);
    await expect(attempt(path.join(empty, "nope"))).rejects.toThrow(/is not a directory/);
    await expect(trlBackend.run({ runId: 1, spec: spec({ model: { kind: "scratch", path: "" } }), data, runDir: empty, emit: () => {}, signal: new AbortController().signal })).rejects.toThrow(/model.kind "hf"/);
    expect(proxies.length).toBe(before);
  });
});

describe.skipIf(venvMissing)(`trlBackend on the tiny Qwen3 model, CPU${venvMissing ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  it("runs GRPO against the environment server: reset and reward per rollout, verl metric names, evals, a checkpoint that loads again", async () => {
    const { status, events, counts } = await run(spec());
    const failure = events.filter((e) => e.type === "log" && e.level === "error").map((e) => (e as { message: string }).message);
    expect(status, failure.join("\n")).toBe("SUCCEEDED");
    // 2 steps × 2 rollouts, plus the validation cases at step 0 and at the end
    expect(counts.get("POST /sessions")).toBe(2 * 2 + 2 * 2);
    expect(counts.get("GET /sessions/:sid/score")).toBe(2 * 2 + 2 * 2);
    expect(counts.get("GET /tools")).toBe(1);
    const grpo = events.filter((e) => e.type === "metrics" && e.phase === "grpo") as Extract<TrainEvent, { type: "metrics" }>[];
    expect(grpo.map((m) => m.step)).toEqual([1, 2]);
    for (const name of ["critic/score/mean", "actor/kl_loss", "actor/entropy", "response_length/mean", "num_turns/mean", "tools/call_frequency", "timing_s/step"]) {
      expect(grpo[1].data, name).toHaveProperty([name]);
    }
    const evals = events.filter((e) => e.type === "eval") as Extract<TrainEvent, { type: "eval" }>[];
    expect(evals.map((e) => e.step)).toEqual([0, 2]);
    expect(Object.values(evals[0].byKind).reduce((n, k) => n + k.n, 0)).toBe(2);
    const checkpoints = events.filter((e) => e.type === "checkpoint") as Extract<TrainEvent, { type: "checkpoint" }>[];
    expect(checkpoints.map((c) => c.step)).toEqual([2]);
    const dir = checkpoints[0].path;
    expect(fs.existsSync(path.join(dir, "config.json")) && fs.existsSync(path.join(dir, "model.safetensors"))).toBe(true);
    // the checkpoint loads again (from_pretrained in the agent's process) and plays an episode as an agent
    const agent = await loadTrlAgent(dir, { maxNewTokens: 8 });
    try {
      const result = await runEpisode(agent, data.validation[0], { maxTurns: 2 });
      expect(result.agentTurns).toBeGreaterThanOrEqual(1);
      expect(result.messages.filter((m) => m.role === "assistant")).toHaveLength(result.agentTurns);
      expect([0, 1]).toContain(result.reward);
    } finally {
      await agent.close();
    }
  }, 300_000);

  it("warm-starts with SFT, then stops on request mid-run: a checkpoint, then STOPPED", async () => {
    const warm = spec({ schedule: { steps: 50, evalEvery: 100, saveEvery: 100, sftSteps: 1 }, backendOptions: { sftBatchSize: 1 } });
    const { status, events } = await run(warm, (e) => e.type === "metrics" && e.phase === "grpo", []);
    expect(status).toBe("STOPPED");
    expect(events.find((e) => e.type === "metrics" && e.phase === "sft")).toMatchObject({ step: 1, data: { "actor/sft_loss": expect.any(Number) } });
    const checkpoints = events.filter((e) => e.type === "checkpoint") as Extract<TrainEvent, { type: "checkpoint" }>[];
    expect(checkpoints[0].step).toBe(0); // the warm-started model, GRPO's KL reference
    const checkpoint = checkpoints.at(-1);
    expect(checkpoint?.step).toBeGreaterThanOrEqual(1);
    expect(checkpoint?.step).toBeLessThan(50);
    expect(fs.existsSync(path.join(checkpoint!.path, "model.safetensors"))).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "status", status: "STOPPED" });
  }, 300_000);

  it("trains on problems with no worker change: SFT on their oracle solutions, GRPO rollouts and evals per problem kind", async () => {
    const [a, b, c] = clinicProblemTasks(3);
    const problems = spec({ grpo: { n: 2, batchSize: 1, maxTurns: 2, maxNewTokens: 8 }, schedule: { steps: 1, evalEvery: 10, saveEvery: 10, sftSteps: 1 }, backendOptions: { sftBatchSize: 1 } });
    const { status, events, counts } = await run(problems, undefined, [b, c], [a]);
    const failure = events.filter((e) => e.type === "log" && e.level === "error").map((e) => (e as { message: string }).message);
    expect(status, failure.join("\n")).toBe("SUCCEEDED");
    expect(events.find((e) => e.type === "metrics" && e.phase === "sft")).toBeDefined();
    // 1 step × 2 rollouts of the problem, plus both validation problems at step 0 and at the end
    expect(counts.get("POST /sessions")).toBe(2 + 2 * 2);
    expect(counts.get("GET /sessions/:sid/score")).toBe(2 + 2 * 2);
    const evals = events.filter((e) => e.type === "eval") as Extract<TrainEvent, { type: "eval" }>[];
    const kinds = Object.keys(evals[0].byKind);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.every((k) => k.startsWith("problem:"))).toBe(true);
    expect(Object.values(evals[0].byKind).reduce((n, k) => n + k.n, 0)).toBe(2);
  }, 300_000);
});
