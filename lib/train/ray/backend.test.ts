import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEnvServer, tasksSource } from "@/lib/envserver";
import type { TrainEventInput } from "@/lib/train/protocol";
import { rayBackend } from "./backend";
import { RayJobsDouble } from "./testing/ray-jobs-double";
import { verlScript, type VerlScriptOptions } from "./testing/verl-script";
import { raySpec, shopRound } from "./test-fixture";

const data = shopRound();
let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "ray-backend-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** One round against a fresh double; `onEvent` may abort the run. */
async function round(script: VerlScriptOptions, backendOptions: Record<string, unknown> = {}, onEvent?: (e: TrainEventInput, abort: () => void) => void) {
  const double = await RayJobsDouble.start({ script: verlScript(script), pendingMs: 10 });
  const controller = new AbortController();
  const events: TrainEventInput[] = [];
  const runDir = mkdtempSync(path.join(root, "run-"));
  try {
    const status = await rayBackend.run({
      runId: 9,
      spec: raySpec({ backendOptions: { address: double.url, envHost: "127.0.0.1", pollMs: 15, ...backendOptions } }),
      data,
      runDir,
      signal: controller.signal,
      emit: (e) => {
        events.push(e);
        onEvent?.(e, () => controller.abort());
      },
    });
    const job = [...double.jobs.values()][0];
    return { status, events, job, double, runDir };
  } finally {
    await double.close();
  }
}

const messages = (events: TrainEventInput[]) => events.flatMap((e) => (e.type === "log" ? [e.message] : []));

describe("rayBackend against the Ray Jobs double", () => {
  it("packages, uploads and submits the round, reports verl's metrics, evals and checkpoints in order, and ends SUCCEEDED", async () => {
    const { status, events, job, double, runDir } = await round({ stepMs: 5 });
    expect(status).toBe("SUCCEEDED");
    expect(double.requests.slice(0, 4)).toEqual(["GET /api/version", expect.stringMatching(/^GET \/api\/packages\/gcs\/_ray_pkg_\w+\.zip$/), expect.stringMatching(/^PUT \/api\/packages\/gcs\//), "POST /api/jobs/"]);
    expect(job.submission).toMatchObject({ entrypoint: "bash run.sh", entrypoint_num_gpus: 0, metadata: { flywheel_run: "9", flywheel_domain: "shop" } });
    const vars = job.submission.runtime_env!.env_vars!;
    expect(vars.STUDIO_ENV_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(vars.STUDIO_ENV_TOKEN?.length).toBeGreaterThan(20);
    expect(existsSync(path.join(runDir, "package", "train.parquet")) && existsSync(path.join(runDir, "package.zip"))).toBe(true);

    // the job made the agent loop's calls: the server started here was reachable with its token and knew the round's tasks
    expect(messages(events).find((m) => m.startsWith("studio env:"))).toMatch(new RegExp(`^studio env: task ${data.train[0].id} opened with 2 messages and ${data.domain.tools.length} tools`));
    const trail = events.flatMap((e) => {
      if (e.type === "metrics") return [`${e.phase}@${e.step}`];
      if (e.type === "eval" || e.type === "checkpoint") return [`${e.type}@${e.step}`];
      if (e.type === "status") return [e.status];
      return [];
    });
    expect(trail).toEqual(["RUNNING", "val@0", "eval@0", "grpo@1", "grpo@1", "grpo@2", "grpo@2", "val@2", "eval@2", "checkpoint@2", "grpo@3", "grpo@3", "val@3", "eval@3", "checkpoint@3", "SUCCEEDED"]);
    const step1 = events.filter((e): e is Extract<TrainEventInput, { type: "metrics" }> => e.type === "metrics" && e.step === 1);
    expect(Object.assign({}, ...step1.map((e) => e.data))).toEqual({ "critic/score/mean": 0.3, "actor/pg_loss": -0.01, "actor/kl_loss": 0.001, "response_length/mean": 121, "timing_s/step": 3.5, "actor/entropy": 1.4 });
    const evalAt2 = events.find((e) => e.type === "eval" && e.step === 2);
    expect(evalAt2).toMatchObject({ byKind: expect.any(Object) });
    expect(Object.values((evalAt2 as { byKind: Record<string, { n: number }> }).byKind).reduce((s, k) => s + k.n, 0)).toBe(data.validation.length);
    expect(events.find((e) => e.type === "checkpoint")).toEqual({ type: "checkpoint", step: 2, path: "/ckpt/global_step_2" });

    // the server started for the run is gone with it
    await expect(fetch(`${vars.STUDIO_ENV_URL}/health`)).rejects.toThrow();
  }, 15_000);

  it("stops the Ray job when the run is aborted and ends STOPPED (with the studio's own env server given by URL)", async () => {
    const env = await startEnvServer({ source: tasksSource([...data.train, ...data.validation]), token: "given-token" });
    try {
      const { status, events, job } = await round({ stepMs: 150 }, { envUrl: env.url, envToken: "given-token" }, (e, abort) => {
        if (e.type === "metrics" && e.phase === "grpo") abort();
      });
      expect(status).toBe("STOPPED");
      expect(job.details.status).toBe("STOPPED");
      expect(job.submission.runtime_env!.env_vars).toMatchObject({ STUDIO_ENV_URL: env.url, STUDIO_ENV_TOKEN: "given-token" });
      expect(messages(events)).toContainEqual(expect.stringMatching(/^stop requested: stopping Ray job flywheel-run-9-/));
      expect(events.at(-1)).toEqual({ type: "status", status: "STOPPED", message: "Job was intentionally stopped." });
      expect(events.filter((e) => e.type === "metrics" && e.phase === "grpo" && e.step > 1)).toEqual([]);
      // a server the run did not start stays up
      expect((await fetch(`${env.url}/health`)).status).toBe(200);
    } finally {
      await env.close();
    }
  }, 15_000);

  it("ends FAILED with Ray's message when the job fails, the traceback kept as error logs", async () => {
    const { status, events } = await round({ stepMs: 5, failAfterStep: 1, probeEnv: false });
    expect(status).toBe("FAILED");
    expect(events.at(-1)).toEqual({ type: "status", status: "FAILED", message: "Job entrypoint command failed with exit code 1" });
    expect(events).toContainEqual({ type: "log", level: "error", message: "torch.OutOfMemoryError: CUDA out of memory." });
  }, 15_000);

  it("refuses to start without a reachable Ray dashboard, saying where it looked", async () => {
    const gone = await RayJobsDouble.start({ script: () => [] });
    await gone.close();
    const run = rayBackend.run({ runId: 1, spec: raySpec({ backendOptions: { address: gone.url } }), data, runDir: root, emit: () => {}, signal: new AbortController().signal });
    await expect(run).rejects.toThrow(new RegExp(`cannot reach the Ray dashboard at ${gone.url.replace(/[.]/g, "\\.")}`));
  });
});
