import { beforeEach, describe, expect, it } from "vitest";
import { openDb, type Db } from "@/db/client";
import { insertJob, stopJob } from "@/db/queries/jobs";
import { claimItems, recordItem } from "@/db/queries/job-items";
import { getJobProgress } from "./progress";

describe("getJobProgress", () => {
  let db: Db;
  beforeEach(() => {
    db = openDb(":memory:");
  });

  it("counts items by status, estimates the ETA from the mean item time and what runs now, and sums usage", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: Array.from({ length: 10 }, (_, i) => i) });
    const claimed = claimItems({ db, kind: "k", owner: "w", limit: 6, leaseMs: 60_000 });
    [100, 200, 300, 400].forEach((ms, i) =>
      recordItem({ db, itemId: claimed[i].id, owner: "w", outcome: i === 3 ? { status: "failed", error: "too slow" } : { status: "done", result: i }, usage: { promptTokens: 10, completionTokens: 1, cost: 0.5 }, durationMs: ms }),
    );
    const p = getJobProgress({ db, id: job.id });
    // 6 left (2 running + 4 pending) × 250 ms mean ÷ 2 running = 0.75 s → 0.8.
    expect(p).toMatchObject({ status: "running", total: 10, done: 3, failed: 1, running: 2, pending: 4, etaSeconds: 0.8 });
    expect(p.usage).toEqual({ promptTokens: 40, completionTokens: 4, cost: 2 });
    expect(p.errors).toEqual([{ idx: 3, error: "too slow" }]);

    stopJob({ db, id: job.id, status: "paused" });
    expect(getJobProgress({ db, id: job.id })).toMatchObject({ status: "paused", running: 0, pending: 6, etaSeconds: null });
  });

  it("has no ETA before the first item finishes, and lists at most 50 errors", () => {
    const job = insertJob({ db, kind: "k", input: {}, items: Array.from({ length: 60 }, (_, i) => i) });
    expect(getJobProgress({ db, id: job.id })).toMatchObject({ status: "queued", pending: 60, etaSeconds: null, errors: [] });
    for (const item of claimItems({ db, kind: "k", owner: "w", limit: 60, leaseMs: 60_000 }))
      recordItem({ db, itemId: item.id, owner: "w", outcome: { status: "failed", error: `bad ${item.idx}` }, usage: { promptTokens: 0, completionTokens: 0, cost: 0 }, durationMs: 1 });
    const p = getJobProgress({ db, id: job.id });
    expect(p).toMatchObject({ status: "failed", failed: 60, error: "60 of 60 items failed", etaSeconds: 0 });
    expect(p.errors).toHaveLength(50);
    expect(p.errors[49]).toEqual({ idx: 49, error: "bad 49" });
  });
});
