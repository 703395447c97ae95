import { beforeAll, describe, expect, it } from "vitest";
import { routeClient, setUpTestStudio } from "../_shared/test-client";

setUpTestStudio();
for (const k of Object.keys(process.env)) if (k.startsWith("FLYWHEEL_LLM_")) delete process.env[k];

import * as list from "./route";
import * as detail from "./[id]/route";
import { studioDb } from "@/db";
import { createRun } from "@/db/queries/train-runs";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { getEval } from "@/db/queries/evals";
import { executeEval, prepareEval } from "@/lib/eval/execute";
import { JobRunner } from "@/lib/jobs";
import { RoundSpec } from "@/lib/train/protocol";

const { call, signIn } = routeClient();
const clinic = { kind: "domain" as const, domainSlug: "clinic-appointments" };
const runJobs = () => new JobRunner({ db: studioDb(), kinds: ["eval.run"], pollMs: 10 }).runUntilIdle();

beforeAll(async () => {
  verifyAndStoreDomain({ db: studioDb(), slug: "clinic-appointments" });
  await signIn();
}, 60_000);

describe("/api/evals", () => {
  it("queues an eval.run job that scores the oracle 1 and the hack agent below, with failures and trajectories", async () => {
    const run = createRun({ db: studioDb(), spec: RoundSpec.parse({ backend: "builtin", dataset: clinic }) });
    const oracle = await call(list.POST, "/api/evals", { method: "POST", body: { agent: "oracle", dataset: clinic, split: "validation", trials: 2, runId: run.id } });
    expect(oracle.status).toBe(201);
    const queued = await oracle.json();
    expect(queued).toMatchObject({ eval: { agent: "oracle", status: "running", trials: 2, runId: run.id, createdBy: "admin@flywheel.local" }, jobId: expect.any(Number), cases: expect.any(Number) });
    expect(queued.eval.label).toMatch(/oracle on .* validation/);
    const hack = await (await call(list.POST, "/api/evals", { method: "POST", body: { agent: "hack", dataset: clinic, split: "all", label: "floor" } })).json();
    await runJobs();

    const { evals } = await (await call(list.GET, "/api/evals")).json();
    expect(evals.map((e: { id: number }) => e.id)).toEqual([hack.eval.id, queued.eval.id]);
    const attached = await (await call(list.GET, `/api/evals?runId=${run.id}`)).json();
    expect(attached.evals.map((e: { id: number }) => e.id)).toEqual([queued.eval.id]);

    const shown = await (await call(detail.GET, `/api/evals/${queued.eval.id}`, { params: { id: String(queued.eval.id) } })).json();
    expect(shown.eval).toMatchObject({ status: "succeeded", summary: { cases: queued.cases, k: 2, pass_at_1: 1, pass_hat_k: 1, failure_count: 0 } });
    expect(shown.results).toEqual({ recorded: 2 * queued.cases, passed: 2 * queued.cases, errors: 0 });

    const floor = await (await call(detail.GET, `/api/evals/${hack.eval.id}`, { params: { id: String(hack.eval.id) } })).json();
    expect(floor.eval).toMatchObject({ status: "succeeded", label: "floor", dataset: { split: "all", user: "scripted" } });
    expect(floor.eval.summary.pass_at_1).toBeLessThan(1);
    expect(floor.failures.length).toBe(floor.eval.summary.failure_count);
    expect(floor.failures[0]).toMatchObject({ reward: 0, end_reason: expect.stringMatching(/user_stop|max_turns/), messages: expect.arrayContaining([expect.objectContaining({ role: "assistant" })]) });
  }, 30_000);

  it("fails the request, not the job, for a bad agent, a missing checkpoint, an unverified domain or a missing run", async () => {
    const post = async (body: Record<string, unknown>) => {
      const res = await call(list.POST, "/api/evals", { method: "POST", body: { dataset: clinic, ...body } });
      return { status: res.status, message: (await res.json()).error?.message as string };
    };
    expect(await post({ agent: "gpt-4o" })).toMatchObject({ status: 400, message: expect.stringMatching(/Unknown agent "gpt-4o"/) });
    expect(await post({ agent: "builtin:/no/such/dir" })).toMatchObject({ status: 404, message: expect.stringMatching(/does not exist/) });
    expect(await post({ agent: "openai:m" })).toMatchObject({ status: 400, message: expect.stringMatching(/provider/) });
    expect(await post({ agent: "oracle", user: "llm" })).toMatchObject({ status: 400, message: expect.stringMatching(/LLM user needs a provider/) });
    expect(await post({ agent: "oracle", dataset: { kind: "domain", domainSlug: "retail-orders" } })).toMatchObject({ status: 400, message: expect.stringMatching(/flywheel verify retail-orders/) });
    expect(await post({ agent: "oracle", runId: 999 })).toMatchObject({ status: 404 });
    expect((await call(detail.GET, "/api/evals/999", { params: { id: "999" } })).status).toBe(404);
  });

  it("marks a stopped evaluation failed with the reason, and a re-run starts it over", async () => {
    const db = studioDb();
    const { eval: row } = prepareEval({ db, request: { agent: "oracle", dataset: clinic } });
    const controller = new AbortController();
    controller.abort(new Error("job paused"));
    await expect(executeEval({ db, evalId: row.id, signal: controller.signal })).rejects.toThrow("job paused");
    expect(getEval({ db, id: row.id })).toMatchObject({ status: "failed", error: expect.stringMatching(/stopped before it finished/) });
    const summary = await executeEval({ db, evalId: row.id });
    expect(summary.pass_at_1).toBe(1);
    expect(getEval({ db, id: row.id })).toMatchObject({ status: "succeeded", error: null });
  });
});
