import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobItems, jobs } from "../schema-jobs";
import { finishIfDone, releaseRunning, type JobItemRow, type JobRow, type Usage } from "./jobs";

// The item life cycle: claim (pending → running, with an owner and a lease), renew the lease,
// then record the outcome once. Every write that must be exactly-once is a single transaction
// guarded by `status = 'running' AND owner = me`, so a run whose claim was taken away (cancel,
// expired lease) can finish but never records.

const iso = () => new Date().toISOString();

/** Claims up to `limit` pending items of active jobs of one kind, oldest job first. */
export function claimItems({ db, kind, owner, limit, leaseMs, now = Date.now() }: { db: Db; kind: string; owner: string; limit: number; leaseMs: number; now?: number }): JobItemRow[] {
  if (limit <= 0) return [];
  return db.transaction(
    (tx) => {
      const candidates = tx
        .select({ id: jobItems.id })
        .from(jobItems)
        .innerJoin(jobs, eq(jobs.id, jobItems.jobId))
        .where(and(eq(jobItems.status, "pending"), eq(jobs.kind, kind), inArray(jobs.status, ["queued", "running"])))
        .orderBy(asc(jobItems.jobId), asc(jobItems.idx))
        .limit(limit);
      const claimed = tx
        .update(jobItems)
        .set({ status: "running", owner, leaseUntil: now + leaseMs, attempts: sql`${jobItems.attempts} + 1`, startedAt: iso() })
        .where(and(inArray(jobItems.id, candidates), eq(jobItems.status, "pending")))
        .returning()
        .all();
      const jobIds = [...new Set(claimed.map((c) => c.jobId))];
      if (jobIds.length > 0)
        tx.update(jobs)
          .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, ${iso()})` })
          .where(and(inArray(jobs.id, jobIds), eq(jobs.status, "queued")))
          .run();
      return claimed.sort((a, b) => a.jobId - b.jobId || a.idx - b.idx);
    },
    { behavior: "immediate" },
  );
}

/** Extends the lease of the owner's items; returns the ids it still holds (the rest were taken away). */
export function renewLeases({ db, owner, itemIds, leaseMs, now = Date.now() }: { db: Db; owner: string; itemIds: number[]; leaseMs: number; now?: number }): number[] {
  if (itemIds.length === 0) return [];
  return db
    .update(jobItems)
    .set({ leaseUntil: now + leaseMs })
    .where(and(inArray(jobItems.id, itemIds), eq(jobItems.owner, owner), eq(jobItems.status, "running")))
    .returning({ id: jobItems.id })
    .all()
    .map((r) => r.id);
}

export type ItemOutcome = { status: "done"; result: unknown } | { status: "failed"; error: string };

/**
 * Records one run's outcome, its usage and the job's counters in ONE transaction, only if the
 * caller still owns the running item. `finishedJob` is set when this item finished the job.
 */
export function recordItem({ db, itemId, owner, outcome, usage, durationMs }: { db: Db; itemId: number; owner: string; outcome: ItemOutcome; usage: Usage; durationMs: number }): { recorded: boolean; finishedJob?: JobRow } {
  return db.transaction(
    (tx) => {
      const item = tx
        .update(jobItems)
        .set({
          status: outcome.status,
          result: outcome.status === "done" ? outcome.result : null,
          error: outcome.status === "failed" ? outcome.error : null,
          owner: null,
          leaseUntil: null,
          promptTokens: sql`${jobItems.promptTokens} + ${usage.promptTokens}`,
          completionTokens: sql`${jobItems.completionTokens} + ${usage.completionTokens}`,
          cost: sql`${jobItems.cost} + ${usage.cost}`,
          durationMs,
          finishedAt: iso(),
        })
        .where(and(eq(jobItems.id, itemId), eq(jobItems.owner, owner), eq(jobItems.status, "running")))
        .returning({ jobId: jobItems.jobId })
        .get();
      if (!item) return { recorded: false };
      tx.update(jobs)
        .set({
          done: sql`${jobs.done} + ${outcome.status === "done" ? 1 : 0}`,
          failed: sql`${jobs.failed} + ${outcome.status === "failed" ? 1 : 0}`,
          promptTokens: sql`${jobs.promptTokens} + ${usage.promptTokens}`,
          completionTokens: sql`${jobs.completionTokens} + ${usage.completionTokens}`,
          cost: sql`${jobs.cost} + ${usage.cost}`,
        })
        .where(eq(jobs.id, item.jobId))
        .run();
      return { recorded: true, finishedJob: finishIfDone(tx, item.jobId) };
    },
    { behavior: "immediate" },
  );
}

/** Gives the owner's unfinished items back to pending (a clean stop or an aborted run). */
export function releaseItems({ db, owner, itemIds }: { db: Db; owner: string; itemIds: number[] }): number {
  if (itemIds.length === 0) return 0;
  return db.transaction((tx) => releaseRunning(tx, and(inArray(jobItems.id, itemIds), eq(jobItems.owner, owner), eq(jobItems.status, "running"))));
}

/** Owners of running items, with their latest lease: the runner decides which are dead. */
export function listRunningOwners({ db }: { db: Db }): { owner: string; leaseUntil: number }[] {
  return db
    .select({ owner: jobItems.owner, leaseUntil: sql<number>`max(${jobItems.leaseUntil})` })
    .from(jobItems)
    .where(eq(jobItems.status, "running"))
    .groupBy(jobItems.owner)
    .all()
    .map((r) => ({ owner: r.owner ?? "", leaseUntil: r.leaseUntil ?? 0 }));
}

/**
 * Items left running by a dead owner (or with an expired lease) go back to pending. An item
 * that already took `maxAttempts` runs is failed instead: something in it kills workers.
 */
export function recoverStaleItems({ db, deadOwners, maxAttempts, now = Date.now() }: { db: Db; deadOwners: string[]; maxAttempts: number; now?: number }): { released: number; failed: number; finishedJobs: JobRow[] } {
  return db.transaction(
    (tx) => {
      const stale = tx
        .select({ id: jobItems.id, jobId: jobItems.jobId, attempts: jobItems.attempts, owner: jobItems.owner, leaseUntil: jobItems.leaseUntil })
        .from(jobItems)
        .where(eq(jobItems.status, "running"))
        .all()
        .filter((i) => (i.leaseUntil ?? 0) < now || (i.owner !== null && deadOwners.includes(i.owner)));
      const poisoned = stale.filter((i) => i.attempts >= maxAttempts);
      const released = releaseRunning(tx, inArray(jobItems.id, stale.filter((i) => i.attempts < maxAttempts).map((i) => i.id)), { uncount: false });
      for (const item of poisoned) {
        const error = `The worker stopped while running this item, ${item.attempts} times; not retried.`;
        tx.update(jobItems).set({ status: "failed", error, owner: null, leaseUntil: null, finishedAt: iso() }).where(eq(jobItems.id, item.id)).run();
        tx.update(jobs).set({ failed: sql`${jobs.failed} + 1` }).where(eq(jobs.id, item.jobId)).run();
      }
      const finishedJobs = [...new Set(poisoned.map((i) => i.jobId))].map((id) => finishIfDone(tx, id)).filter((j): j is JobRow => j !== undefined);
      return { released, failed: poisoned.length, finishedJobs };
    },
    { behavior: "immediate" },
  );
}

/** Whether a job of one of these kinds has an item to run now or one held by some worker. */
export function countOpenItems({ db, kinds }: { db: Db; kinds: string[] }): { pending: number; running: number } {
  if (kinds.length === 0) return { pending: 0, running: 0 };
  const rows = db
    .select({ status: jobItems.status, n: sql<number>`count(*)` })
    .from(jobItems)
    .innerJoin(jobs, eq(jobs.id, jobItems.jobId))
    .where(and(inArray(jobs.kind, kinds), inArray(jobs.status, ["queued", "running"]), inArray(jobItems.status, ["pending", "running"])))
    .groupBy(jobItems.status)
    .all();
  return { pending: rows.find((r) => r.status === "pending")?.n ?? 0, running: rows.find((r) => r.status === "running")?.n ?? 0 };
}
