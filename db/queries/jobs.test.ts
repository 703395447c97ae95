import { describe, expect, it, beforeEach, afterEach } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "../client";
import { getJob, getProgressCounts, insertJob, listJobItems, listJobs, noteJobError, reopenJob, stopJob } from "./jobs";
import { claimItems, countOpenItems, listRunningOwners, recordItem, recoverStaleItems, releaseItems, renewLeases } from "./job-items";
import { DomainError } from "@/lib/errors";

const usage = (cost: number) => ({ promptTokens: 10, completionTokens: 5, cost });
const LEASE = 10_000;

describe("jobs queries", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
  });

  it("stores a job with one pending item per input, and finishes an empty job at once", () => {
    const job = insertJob({ db, kind: "k", input: { a: 1 }, items: [{ n: 0 }, { n: 1 }, { n: 2 }] });
    expect(job).toMatchObject({ kind: "k", status: "queued", total: 3, done: 0, failed: 0 });
    expect(listJobItems({ db, jobId: job.id }).map((i) => [i.idx, i.status, i.input])).toEqual([
      [0, "pending", { n: 0 }],
      [1, "pending", { n: 1 }],
      [2, "pending", { n: 2 }],
    ]);
    expect(insertJob({ db, kind: "k", input: {}, items: [] }).status).toBe("succeeded");
    expect(() => getJob({ db, id: 999 })).toThrow(DomainError);
  });

  it("lists jobs newest first, of one kind or several", () => {
    const ids = ["a", "b", "c", "a"].map((kind) => insertJob({ db, kind, input: { kind }, items: [1] }).id);
    expect(listJobs({ db }).map((j) => j.id)).toEqual([...ids].reverse());
    expect(listJobs({ db, kind: "a" }).map((j) => j.id)).toEqual([ids[3], ids[0]]);
    expect(listJobs({ db, kind: ["a", "c"], limit: 2 }).map((j) => [j.kind, j.input])).toEqual([["a", { kind: "a" }], ["c", { kind: "c" }]]);
  });

  it("claims pending items of active jobs of one kind, oldest first, and marks the job running", () => {
    const a = insertJob({ db, kind: "k", input: {}, items: [1, 2, 3] });
    const b = insertJob({ db, kind: "k", input: {}, items: [4] });
    insertJob({ db, kind: "other", input: {}, items: [5] });
    const claimed = claimItems({ db, kind: "k", owner: "w1", limit: 3, leaseMs: LEASE, now: 1000 });
    expect(claimed.map((c) => [c.jobId, c.idx, c.owner, c.leaseUntil, c.attempts])).toEqual([
      [a.id, 0, "w1", 11_000, 1],
      [a.id, 1, "w1", 11_000, 1],
      [a.id, 2, "w1", 11_000, 1],
    ]);
    expect(getJob({ db, id: a.id }).status).toBe("running");
    expect(getJob({ db, id: b.id }).status).toBe("queued");
    expect(claimItems({ db, kind: "k", owner: "w2", limit: 5, leaseMs: LEASE }).map((c) => c.input)).toEqual([4]);
    expect(claimItems({ db, kind: "k", owner: "w2", limit: 5, leaseMs: LEASE })).toEqual([]);
    expect(countOpenItems({ db, kinds: ["k"] })).toEqual({ pending: 0, running: 4 });
  });

  it("records an outcome once, with the job's counters and usage in the same write", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: [1, 2] });
    const [first, second] = claimItems({ db, kind: "k", owner: "w1", limit: 2, leaseMs: LEASE });
    const ok = recordItem({ db, itemId: first.id, owner: "w1", outcome: { status: "done", result: { r: 1 } }, usage: usage(0.5), durationMs: 40 });
    expect(ok).toEqual({ recorded: true, finishedJob: undefined });
    // A second record of the same run (or a run whose claim moved on) is refused.
    expect(recordItem({ db, itemId: first.id, owner: "w1", outcome: { status: "done", result: { r: 2 } }, usage: usage(9), durationMs: 1 }).recorded).toBe(false);
    expect(recordItem({ db, itemId: second.id, owner: "intruder", outcome: { status: "done", result: 0 }, usage: usage(9), durationMs: 1 }).recorded).toBe(false);
    const last = recordItem({ db, itemId: second.id, owner: "w1", outcome: { status: "failed", error: "boom" }, usage: usage(0.25), durationMs: 60 });
    expect(last.finishedJob).toMatchObject({ status: "succeeded", done: 1, failed: 1, cost: 0.75, promptTokens: 20, completionTokens: 10, error: "1 of 2 items failed" });
    const items = listJobItems({ db, jobId: job.id });
    expect(items.map((i) => [i.status, i.result, i.error, i.cost, i.owner])).toEqual([
      ["done", { r: 1 }, null, 0.5, null],
      ["failed", null, "boom", 0.25, null],
    ]);
    const p = getProgressCounts({ db, id: job.id });
    expect(p).toMatchObject({ done: 1, failed: 1, pending: 0, running: 0, meanItemMs: 50, errors: [{ idx: 1, error: "boom" }] });
  });

  it("fails a job whose every item failed", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: [1] });
    const [item] = claimItems({ db, kind: "k", owner: "w", limit: 1, leaseMs: LEASE });
    recordItem({ db, itemId: item.id, owner: "w", outcome: { status: "failed", error: "bad" }, usage: usage(0), durationMs: 1 });
    expect(getJob({ db, id: job.id })).toMatchObject({ status: "failed", error: "1 of 1 items failed" });
    noteJobError({ db, id: job.id, error: "hook said no" });
    expect(getJob({ db, id: job.id }).error).toBe("1 of 1 items failed; hook said no");
  });

  it("renews only the leases the owner still holds", () => {
    insertJob({ db, kind: "k", input: {}, items: [1, 2] });
    const [a, b] = claimItems({ db, kind: "k", owner: "w1", limit: 2, leaseMs: LEASE, now: 0 });
    releaseItems({ db, owner: "w1", itemIds: [b.id] });
    expect(renewLeases({ db, owner: "w1", itemIds: [a.id, b.id], leaseMs: LEASE, now: 5000 })).toEqual([a.id]);
    expect(listRunningOwners({ db })).toEqual([{ owner: "w1", leaseUntil: 15_000 }]);
    // Given back, the item is pending again and its aborted run is not counted.
    expect(listJobItems({ db, jobId: b.jobId })[1]).toMatchObject({ status: "pending", owner: null, attempts: 0 });
  });

  it("sends items of expired leases and dead owners back to pending, and fails crash-looping items", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: [1, 2, 3] });
    const [expired] = claimItems({ db, kind: "k", owner: "slow", limit: 1, leaseMs: 1000, now: 0 });
    const [dead] = claimItems({ db, kind: "k", owner: "dead", limit: 1, leaseMs: LEASE, now: 0 });
    const [alive] = claimItems({ db, kind: "k", owner: "alive", limit: 1, leaseMs: LEASE, now: 0 });
    const r = recoverStaleItems({ db, deadOwners: ["dead"], maxAttempts: 3, now: 2000 });
    expect(r).toMatchObject({ released: 2, failed: 0, finishedJobs: [] });
    const byId = new Map(listJobItems({ db, jobId: job.id }).map((i) => [i.id, i]));
    expect(byId.get(expired.id)).toMatchObject({ status: "pending", owner: null });
    expect(byId.get(dead.id)).toMatchObject({ status: "pending", owner: null });
    expect(byId.get(alive.id)).toMatchObject({ status: "running", owner: "alive" });

    // An item that keeps killing its worker is failed after maxAttempts runs.
    const poisonJob = insertJob({ db, kind: "p", input: {}, items: [1] });
    for (let n = 1; n <= 3; n++) {
      claimItems({ db, kind: "p", owner: `crash${n}`, limit: 1, leaseMs: LEASE });
      const rec = recoverStaleItems({ db, deadOwners: [`crash${n}`], maxAttempts: 3 });
      expect(rec.failed).toBe(n === 3 ? 1 : 0);
    }
    expect(getJob({ db, id: poisonJob.id })).toMatchObject({ status: "failed", failed: 1 });
    expect(getProgressCounts({ db, id: poisonJob.id }).errors[0].error).toMatch(/worker stopped while running this item, 3 times/);
  });

  it("cancels (keeping done items, giving running ones back) and resumes where it stopped", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: [1, 2, 3] });
    const [a, b] = claimItems({ db, kind: "k", owner: "w", limit: 2, leaseMs: LEASE });
    recordItem({ db, itemId: a.id, owner: "w", outcome: { status: "done", result: 1 }, usage: usage(1), durationMs: 1 });
    expect(stopJob({ db, id: job.id, status: "cancelled" }).status).toBe("cancelled");
    expect(recordItem({ db, itemId: b.id, owner: "w", outcome: { status: "done", result: 2 }, usage: usage(1), durationMs: 1 }).recorded).toBe(false);
    expect(claimItems({ db, kind: "k", owner: "w", limit: 5, leaseMs: LEASE })).toEqual([]);
    expect(getProgressCounts({ db, id: job.id })).toMatchObject({ done: 1, pending: 2, running: 0 });
    expect(() => stopJob({ db, id: job.id, status: "paused" })).toThrow(/cancelled; only a queued, running or paused job/);

    expect(reopenJob({ db, id: job.id }).status).toBe("queued");
    expect(() => reopenJob({ db, id: job.id })).toThrow(DomainError);
    const rest = claimItems({ db, kind: "k", owner: "w2", limit: 5, leaseMs: LEASE });
    expect(rest.map((i) => i.idx)).toEqual([1, 2]);
    for (const i of rest) recordItem({ db, itemId: i.id, owner: "w2", outcome: { status: "failed", error: `e${i.idx}` }, usage: usage(1), durationMs: 1 });
    expect(getJob({ db, id: job.id })).toMatchObject({ status: "succeeded", done: 1, failed: 2, cost: 3 });

    // Retrying failed items un-counts them and keeps the usage already spent.
    expect(reopenJob({ db, id: job.id, retryFailed: true })).toMatchObject({ status: "queued", failed: 0, cost: 3, error: null });
    expect(getProgressCounts({ db, id: job.id })).toMatchObject({ pending: 2, done: 1, errors: [] });
  });
});

describe("claims across connections", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-q-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("never hands the same item to two connections", () => {
    const file = path.join(dir, "db.sqlite");
    const one = openDb(file);
    const two = openDb(file);
    insertJob({ db: one, kind: "k", input: {}, items: Array.from({ length: 50 }, (_, i) => i) });
    const seen: number[] = [];
    for (let round = 0; round < 20; round++) {
      seen.push(...claimItems({ db: one, kind: "k", owner: "one", limit: 2, leaseMs: LEASE }).map((i) => i.idx));
      seen.push(...claimItems({ db: two, kind: "k", owner: "two", limit: 3, leaseMs: LEASE }).map((i) => i.idx));
    }
    expect(seen.sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
