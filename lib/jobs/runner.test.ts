import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/db/client";
import { getJob, insertJob, listJobItems, stopJob, type JobRow } from "@/db/queries/jobs";
import { claimItems, recoverStaleItems } from "@/db/queries/job-items";
import { registerJobKind } from "./registry";
import { JobRunner } from "./runner";
import { cancelJob, enqueueJob, resumeJob } from "./control";
import { sleep, waitFor } from "./testing/wait";

// One test kind: squares a number after `ms`, fails on inputs marked `fail`, and keeps a log of
// which items run where, so overlaps and repeats are visible.
type Item = { n: number; ms: number; fail?: boolean };
const live = new Set<string>();
let overlaps = 0;
let maxLive = 0;
let aborted = 0;
const runs = new Map<string, number>();
const completed: JobRow[] = [];
registerJobKind<unknown, Item, { square: number }>({
  kind: "test.square",
  async runItem(item, { signal, jobId, reportUsage }) {
    const key = `${jobId}:${item.n}`;
    if (live.has(key)) overlaps++;
    live.add(key);
    maxLive = Math.max(maxLive, live.size);
    runs.set(key, (runs.get(key) ?? 0) + 1);
    try {
      reportUsage({ promptTokens: 3, completionTokens: 2, cost: 0.001 });
      await sleep(item.ms, signal);
      if (item.fail) throw new Error(`no square for ${item.n}`);
      return { square: item.n * item.n };
    } catch (e) {
      if (signal.aborted) aborted++;
      throw e;
    } finally {
      live.delete(key);
    }
  },
  onComplete: (job) => void completed.push(job),
});

registerJobKind<unknown, string, unknown>({
  kind: "test.odd",
  async runItem(item, { reportUsage }) {
    if (item === "nan") reportUsage({ cost: Number.NaN });
    return item === "bigint" ? { n: BigInt(1) } : { ok: item };
  },
});

const items = (count: number, ms: number, fail: (n: number) => boolean = () => false): Item[] => Array.from({ length: count }, (_, n) => ({ n, ms, fail: fail(n) }));

describe("JobRunner", () => {
  let dir: string;
  let db: Db;
  let runners: JobRunner[];
  const runner = (opts: Partial<ConstructorParameters<typeof JobRunner>[0]> = {}) => {
    const r = new JobRunner({ db, kinds: ["test.square"], pollMs: 20, ...opts });
    runners.push(r);
    return r;
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-runner-"));
    db = openDb(path.join(dir, "db.sqlite"));
    runners = [];
    live.clear();
    runs.clear();
    overlaps = maxLive = aborted = 0;
    completed.length = 0;
  });
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("two runners on one database file run every item once, within their concurrency", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(60, 3) } });
    const other = openDb(path.join(dir, "db.sqlite"));
    await Promise.all([runner({ concurrency: 3 }).runUntilIdle(), runner({ db: other, concurrency: 3 }).runUntilIdle()]);
    const rows = listJobItems({ db, jobId: job.id });
    expect(rows.map((r) => [r.idx, r.status, r.result, r.attempts])).toEqual(items(60, 3).map((i) => [i.n, "done", { square: i.n * i.n }, 1]));
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect(overlaps).toBe(0);
    expect(maxLive).toBeGreaterThan(3); // both pools worked at once
    expect(maxLive).toBeLessThanOrEqual(6);
    expect(getJob({ db, id: job.id })).toMatchObject({ status: "succeeded", done: 60, failed: 0, promptTokens: 180, completionTokens: 120 });
    expect(getJob({ db, id: job.id }).cost).toBeCloseTo(0.06, 9);
    expect(completed.map((j) => j.id)).toEqual([job.id]);
  });

  it("records a failing item's error and goes on with the rest", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(12, 1, (n) => n % 5 === 2) } });
    await runner({ concurrency: 2 }).runUntilIdle();
    expect(maxLive).toBe(2);
    const failedRows = listJobItems({ db, jobId: job.id }).filter((r) => r.status === "failed");
    expect(failedRows.map((r) => [r.idx, r.error, r.result, r.cost])).toEqual([
      [2, "no square for 2", null, 0.001],
      [7, "no square for 7", null, 0.001],
    ]);
    expect(getJob({ db, id: job.id })).toMatchObject({ status: "succeeded", done: 10, failed: 2, error: "2 of 12 items failed", promptTokens: 36 });
  });

  it("fails an item whose result is not JSON or whose usage is not a number, saying so", async () => {
    const job = await enqueueJob({ db, kind: "test.odd", input: { items: ["bigint", "nan", "fine"] } });
    await runner({ kinds: ["test.odd"] }).runUntilIdle();
    expect(listJobItems({ db, jobId: job.id }).map((i) => [i.status, i.error, i.result])).toEqual([
      ["failed", expect.stringMatching(/^The result could not be stored as JSON: .*BigInt/), null],
      ["failed", "reportUsage: cost must be a finite number ≥ 0, got NaN.", null],
      ["done", null, { ok: "fine" }],
    ]);
  });

  it("cancel aborts in-flight runs and keeps done items; resume finishes the rest, each result once", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(40, 25) } });
    const r = runner({ concurrency: 4 });
    r.start();
    await waitFor(() => getJob({ db, id: job.id }).done >= 8, "8 done items");
    cancelJob({ db, id: job.id });
    expect(r.inflightCount).toBe(4);
    await waitFor(() => r.inflightCount === 0, "aborted runs to settle");
    expect(aborted).toBe(4);
    const stopped = getJob({ db, id: job.id });
    expect(stopped.status).toBe("cancelled");
    const keptDone = stopped.done;
    await sleep(80);
    const rows = listJobItems({ db, jobId: job.id });
    expect(rows.filter((i) => i.status === "done").length).toBe(keptDone);
    expect(rows.filter((i) => i.status === "pending").length).toBe(40 - keptDone);

    resumeJob({ db, id: job.id });
    await waitFor(() => getJob({ db, id: job.id }).status === "succeeded", "the resumed job to finish");
    const after = listJobItems({ db, jobId: job.id });
    expect(after.every((i) => i.status === "done" && (i.result as { square: number }).square === i.idx * i.idx)).toBe(true);
    // Aborted runs ran twice but count one attempt; their usage was never recorded.
    expect(after.every((i) => i.attempts === 1)).toBe(true);
    expect(getJob({ db, id: job.id })).toMatchObject({ done: 40, promptTokens: 120 });
  });

  it("notices at lease renewal when another process cancelled its items", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(6, 2_000) } });
    const r = runner({ concurrency: 2, leaseMs: 150 });
    r.start();
    await waitFor(() => r.inflightCount === 2, "two runs");
    stopJob({ db: openDb(path.join(dir, "db.sqlite")), id: job.id, status: "paused" }); // no in-process abort
    await waitFor(() => r.inflightCount === 0, "runs aborted after renewal");
    expect(aborted).toBe(2);
    expect(getJob({ db, id: job.id })).toMatchObject({ status: "paused", done: 0 });
  });

  it("a run whose claim another worker took over finishes but records nothing", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(1, 300) } });
    const r = runner({ leaseMs: 60_000 });
    r.start();
    await waitFor(() => r.inflightCount === 1, "the run");
    const other = openDb(path.join(dir, "db.sqlite"));
    recoverStaleItems({ db: other, deadOwners: [r.owner], maxAttempts: 3 }); // as if this runner had died
    expect(claimItems({ db: other, kind: "test.square", owner: "other", limit: 1, leaseMs: 60_000 })).toHaveLength(1);
    await waitFor(() => r.inflightCount === 0, "the run to end");
    expect(aborted).toBe(0); // it was not told: only the record was refused
    expect(listJobItems({ db, jobId: job.id })[0]).toMatchObject({ status: "running", owner: "other", result: null, attempts: 2 });
    expect(getJob({ db, id: job.id })).toMatchObject({ done: 0, promptTokens: 0 });
  });

  it("takes over items of an expired lease and of a dead local process", async () => {
    const job = insertJob({ db, kind: "test.square", input: {}, items: items(4, 1) });
    const deadPid = spawnSync(process.execPath, ["-e", "0"]).pid!;
    claimItems({ db, kind: "test.square", owner: `other-host:1:abcd`, limit: 1, leaseMs: -1 });
    claimItems({ db, kind: "test.square", owner: `${os.hostname()}:${deadPid}:abcd`, limit: 1, leaseMs: 60_000 });
    claimItems({ db, kind: "test.square", owner: `other-host:2:abcd`, limit: 1, leaseMs: 60_000 }); // alive as far as we know
    claimItems({ db, kind: "test.square", owner: `${os.hostname()}:${process.pid}:0dd0`, limit: 1, leaseMs: 60_000 }); // this pid, no such runner
    const r = runner();
    r.start();
    await waitFor(() => getJob({ db, id: job.id }).done === 3, "3 done items");
    const rows = listJobItems({ db, jobId: job.id });
    expect(rows.map((i) => [i.status, i.attempts])).toEqual([
      ["done", 2],
      ["done", 2],
      ["running", 1],
      ["done", 2],
    ]);
  });

  it("a clean stop gives in-flight items back uncounted", async () => {
    const job = await enqueueJob({ db, kind: "test.square", input: { items: items(3, 5_000) } });
    const r = runner();
    r.start();
    await waitFor(() => r.inflightCount === 3, "three runs");
    await r.stop();
    expect(listJobItems({ db, jobId: job.id }).map((i) => [i.status, i.owner, i.attempts])).toEqual([
      ["pending", null, 0],
      ["pending", null, 0],
      ["pending", null, 0],
    ]);
    expect(getJob({ db, id: job.id }).status).toBe("running");
  });
});
