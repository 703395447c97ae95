import { beforeAll, describe, expect, it } from "vitest";
import { callRoute, routeClient, setUpTestStudio } from "../../../_shared/test-client";

setUpTestStudio();

import * as tokens from "./route";
import { studioDb } from "@/db";
import { createSnapshot } from "@/db/queries/snapshots";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { listJobs } from "@/db/queries/jobs";
import { JobRunner } from "@/lib/jobs/runner";
import { SNAPSHOT_TOKENS_KIND } from "@/db/queries/snapshot-tokens";
import type { SnapshotTokensState } from "@/lib/export/tokens-job";

const admin = routeClient();
let snapshotId = 0;
let cases = 0;
const get = (query: string, id = snapshotId, signedIn = true) =>
  (signedIn ? admin.call : callRoute)(tokens.GET, `/api/snapshots/${id}/tokens?${query}`, { params: { id: String(id) } });

/** Runs queued token jobs to the end, as the server's in-process runner would. */
async function runJobs() {
  const runner = new JobRunner({ db: studioDb(), kinds: [SNAPSHOT_TOKENS_KIND], pollMs: 20 });
  await runner.runUntilIdle();
  await runner.stop();
}

beforeAll(async () => {
  const db = studioDb();
  verifyAndStoreDomain({ db, slug: "clinic-appointments" });
  ({ id: snapshotId, cases } = createSnapshot({ db, domainSlug: "clinic-appointments" }));
  await admin.signIn();
}, 60_000);

describe("GET /api/snapshots/[id]/tokens", () => {
  it("starts one counting job, answers 202 while it runs, then the cached report", async () => {
    const first = await get("format=chat");
    expect(first.status).toBe(202);
    const computing = (await first.json()) as SnapshotTokensState;
    expect(computing).toMatchObject({ status: "computing", format: "chat", budget: 14096, rows: cases });
    const again = (await (await get("format=chat")).json()) as SnapshotTokensState;
    expect(again.status === "computing" && computing.status === "computing" && again.jobId === computing.jobId).toBe(true);
    expect(listJobs({ db: studioDb(), kind: SNAPSHOT_TOKENS_KIND })).toHaveLength(1);

    await runJobs();
    const done = await get("format=chat");
    expect(done.status).toBe(200);
    const ready = (await done.json()) as SnapshotTokensState;
    if (ready.status !== "ready") throw new Error(`expected a report, got ${ready.status}`);
    const r = ready.report!;
    expect(r.rows).toBe(cases);
    expect(r.min).toBeGreaterThan(300);
    expect(r.min <= r.median && r.median <= r.p95 && r.p95 <= r.max).toBe(true);
    expect(r.bins.reduce((n, b) => n + b.count, 0)).toBe(cases);
    expect(ready.scope).toMatch(/whole conversation/);

    // another budget is a lookup in the kept counts: no new job
    const tight = (await (await get(`format=chat&budget=${r.median}`)).json()) as SnapshotTokensState;
    if (tight.status !== "ready") throw new Error(`expected a report, got ${tight.status}`);
    expect(tight.report!.overCount).toBeGreaterThan(0);
    expect(tight.report!.over[0]).toMatchObject({ tokens: r.max });
    expect(tight.report!.over[0].task.length).toBeGreaterThan(0);
    expect(listJobs({ db: studioDb(), kind: SNAPSHOT_TOKENS_KIND })).toHaveLength(1);
  }, 60_000);

  it("keeps formats apart: verl is counted by its own job", async () => {
    const first = await get("format=verl");
    expect(first.status).toBe(202);
    await runJobs();
    const ready = (await (await get("format=verl")).json()) as SnapshotTokensState;
    expect(ready).toMatchObject({ status: "ready", budget: 4096, scope: expect.stringMatching(/prompt/) });
    expect(listJobs({ db: studioDb(), kind: SNAPSHOT_TOKENS_KIND })).toHaveLength(2);
  }, 60_000);

  it("answers bad input and strangers with clear errors", async () => {
    const badFormat = await get("format=tau2");
    expect(badFormat.status).toBe(400);
    expect((await badFormat.json()).error.message).toMatch(/format must be one of verl, chat/);
    expect((await get("format=verl&budget=-5")).status).toBe(400);
    expect((await get("format=verl", 999)).status).toBe(404);
    expect((await get("format=verl", snapshotId, false)).status).toBe(401);
  });
});
