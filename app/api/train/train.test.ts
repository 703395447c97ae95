import { beforeAll, describe, expect, it } from "vitest";
import { routeClient, setUpTestStudio } from "../_shared/test-client";

setUpTestStudio();
// No trainer environment here: the TRL doctor answers at once (the real one imports torch).
process.env.FLYWHEEL_TRAINER_VENV = "/nonexistent/trainer-venv";

import * as runs from "./runs/route";
import * as oneRun from "./runs/[id]/route";
import * as events from "./runs/[id]/events/route";
import * as stop from "./runs/[id]/stop/route";
import * as backends from "./backends/route";
import { studioDb } from "@/db";
import { appendEvent, createRun } from "@/db/queries/train-runs";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { generateAndStore } from "@/lib/reasoning/flywheel";
import { RoundSpec } from "@/lib/train/protocol";

const { call, signIn } = routeClient();

beforeAll(async () => {
  verifyAndStoreDomain({ db: studioDb(), slug: "clinic-appointments" });
  await signIn();
}, 60_000);

describe("/api/train", () => {
  it("lists runs with progress and pages a run's events after an id, by type", async () => {
    const db = studioDb();
    const run = createRun({ db, spec: RoundSpec.parse({ name: "tiny", backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic-appointments" } }) });
    appendEvent({ db, runId: run.id, event: { type: "status", status: "RUNNING" } });
    const m1 = appendEvent({ db, runId: run.id, event: { type: "metrics", step: 1, data: { "critic/score/mean": 0.2 } } });
    appendEvent({ db, runId: run.id, event: { type: "eval", step: 1, reward: 0.5, byKind: { execute: { pass: 0.5, n: 2 } } } });
    appendEvent({ db, runId: run.id, event: { type: "log", message: "hello" } });
    const params = { id: String(run.id) };

    const listed = await (await call(runs.GET, "/api/train/runs")).json();
    expect(listed.runs[0]).toMatchObject({ id: run.id, name: "tiny", status: "RUNNING", datasetLabel: "clinic-appointments (verified cases)", progress: { steps: 1, bestValReward: 0.5 } });
    expect((await (await call(oneRun.GET, `/api/train/runs/${run.id}`, { params })).json()).run.id).toBe(run.id);

    const all = await (await call(events.GET, `/api/train/runs/${run.id}/events`, { params })).json();
    expect(all.status).toBe("RUNNING");
    expect(all.events.map((e: { type: string }) => e.type)).toEqual(["status", "metrics", "eval", "log"]);
    const later = await (await call(events.GET, `/api/train/runs/${run.id}/events?after=${m1}&types=log,eval`, { params })).json();
    expect(later.events.map((e: { type: string }) => e.type)).toEqual(["eval", "log"]);

    const bad = await call(events.GET, `/api/train/runs/${run.id}/events?types=nope`, { params });
    expect(bad.status).toBe(400);
    const missing = await call(oneRun.GET, "/api/train/runs/999", { params: { id: "999" } });
    expect(missing.status).toBe(404);
  });

  it("starts a round (queued as a job) and stops it before it runs", async () => {
    const created = await call(runs.POST, "/api/train/runs", {
      method: "POST",
      body: { backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic-appointments" }, schedule: { steps: 2 } },
    });
    expect(created.status).toBe(201);
    const { run } = await created.json();
    expect(run).toMatchObject({ status: "PENDING", createdBy: "admin@flywheel.local", jobId: expect.any(Number), spec: { schedule: { steps: 2, evalEvery: 10 } } });
    const params = { id: String(run.id) };
    const stopped = await (await call(stop.POST, `/api/train/runs/${run.id}/stop`, { method: "POST", params })).json();
    expect(stopped.run.status).toBe("STOPPED");
    const again = await call(stop.POST, `/api/train/runs/${run.id}/stop`, { method: "POST", params });
    expect(again.status).toBe(409);

    const invalid = await call(runs.POST, "/api/train/runs", { method: "POST", body: { backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic-appointments" }, grpo: { n: 1 } } });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).error.message).toMatch(/grpo\.n/);
    const noDomain = await call(runs.POST, "/api/train/runs", { method: "POST", body: { backend: "builtin", dataset: { kind: "domain", domainSlug: "nope" } } });
    expect(noDomain.status).toBe(404);
  });

  it("with withProblems, records the dataset domain's verified problems in the spec; says so when there are none", async () => {
    const body = { backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic-appointments", validationRatio: 0.3 }, withProblems: true };
    const none = await call(runs.POST, "/api/train/runs", { method: "POST", body });
    expect(none.status).toBe(400);
    expect((await none.json()).error.message).toMatch(/has no verified reasoning problems: generate some on the Reasoning page/);

    const generated = generateAndStore({ db: studioDb(), slug: "clinic-appointments", count: 5, seed: 3 }).problems;
    const created = await call(runs.POST, "/api/train/runs", { method: "POST", body });
    expect(created.status).toBe(201);
    const { run } = await created.json();
    expect(run.spec.dataset.problems).toEqual({ ids: generated.map((p) => p.id).sort(), validationRatio: 0.3 });
    expect(run.spec).not.toHaveProperty("withProblems");
    await call(stop.POST, `/api/train/runs/${run.id}/stop`, { method: "POST", params: { id: String(run.id) } });
  });

  it("says which backends are available", async () => {
    const { backends: list } = await (await call(backends.GET, "/api/train/backends")).json();
    expect(list.map((b: { backend: string }) => b.backend)).toEqual(["builtin", "trl", "verl-ray"]);
    expect(list[0].available).toBe(true);
    expect(list[1]).toMatchObject({ available: false, reason: expect.stringMatching(/no trainer environment at \/nonexistent\/trainer-venv.*flywheel trainer setup/) });
    expect(list[2]).toMatchObject({ available: false, reason: expect.stringMatching(/FLYWHEEL_RAY_ADDRESS/) });
  });
});
