import { beforeAll, describe, expect, it } from "vitest";
import { routeClient, setUpTestStudio } from "../_shared/test-client";

setUpTestStudio();

import * as projects from "./projects/route";
import * as project from "./projects/[id]/route";
import * as next from "./projects/[id]/next/route";
import * as detail from "./[id]/route";
import * as failures from "./[id]/failures/route";
import * as replay from "./[id]/replay/route";
import { getJob } from "@/db/queries/jobs";
import { studioDb } from "@/db";

const { call, signIn } = routeClient();

beforeAll(async () => {
  studioDb();
  await signIn();
});

describe("/api/rounds", () => {
  it("creates a project, says what round 1 will train on, and starts it as a job", async () => {
    const body = { name: "clinic loop", domains: ["clinic-appointments"], backend: "builtin", settings: { seed: 4, band: { min: 0, max: 0.9 } } };
    const created = await call(projects.POST, "/api/rounds/projects", { method: "POST", body });
    expect(created.status).toBe(201);
    const { project: p } = await created.json();
    expect(p).toMatchObject({ name: "clinic loop", baseModel: "scratch", settings: { seed: 4, reviewRequired: true, band: { min: 0, max: 0.9 }, trials: 2 } });
    expect((await call(projects.POST, "/api/rounds/projects", { method: "POST", body })).status).toBe(409);
    const unknown = await call(projects.POST, "/api/rounds/projects", { method: "POST", body: { ...body, name: "x", domains: ["nope"] } });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.message).toMatch(/nope/);
    const untrained = await call(projects.POST, "/api/rounds/projects", { method: "POST", body: { ...body, name: "y", backend: "none" } });
    expect(untrained.status).toBe(400);
    expect((await untrained.json()).error.message).toMatch(/name the agent/);
    expect((await (await call(projects.GET, "/api/rounds/projects")).json()).projects).toHaveLength(1);

    const timeline = await (await call(project.GET, `/api/rounds/projects/${p.id}`, { params: { id: String(p.id) } })).json();
    expect(timeline.rounds).toEqual([]);
    expect(timeline.next).toMatchObject({ number: 1, basis: "first", policy: null, domains: [{ domain: "clinic-appointments", snapshotId: null }] });
    expect(timeline.next.notes.join(" ")).toMatch(/no verified cases yet/);

    const started = await call(next.POST, `/api/rounds/projects/${p.id}/next`, { method: "POST", body: {}, params: { id: String(p.id) } });
    expect(started.status).toBe(202);
    const { round, jobId } = await started.json();
    expect(round).toMatchObject({ number: 1, status: "open", step: "prepare" });
    expect(getJob({ db: studioDb(), id: jobId })).toMatchObject({ kind: "rounds.step", status: "queued", input: { roundId: round.id, step: "prepare", autoApprove: false } });
    // asking again while the step's job is queued reuses it
    expect((await (await call(next.POST, `/api/rounds/projects/${p.id}/next`, { method: "POST", body: {}, params: { id: String(p.id) } })).json()).jobId).toBe(jobId);

    const one = await (await call(detail.GET, `/api/rounds/${round.id}`, { params: { id: String(round.id) } })).json();
    expect(one.round.steps[0]).toMatchObject({ step: "prepare", status: "pending", jobId });
    const early = await call(failures.GET, `/api/rounds/${round.id}/failures?domain=clinic-appointments&nodeId=root`, { params: { id: String(round.id) } });
    expect(early.status).toBe(404);
    const open = await call(replay.POST, `/api/rounds/${round.id}/replay`, { method: "POST", body: {}, params: { id: String(round.id) } });
    expect(open.status).toBe(409);
  });
});
