import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobItems, jobs } from "../schema-jobs";
import { finishIfDone, releaseRunning, type JobItemRow, type JobRow, type Usage } from "./jobs";

// The item life cycle: claim (pending → running, with an owner and a lease), renew the lease,
// then record the outcome once. Every write that must be exactly-once is a single transaction
// guarded by `status = 'running' AND owner = me`, so a run whose claim was taken away (cancel,
// expired lease) can finish but never records.

const iso = () => new Date().toISOString();
const p = (name: string) => sql`${sql.placeholder(name)}`;

// The claim and record paths run once per item, so their statements are prepared once per
// connection: building and preparing SQL anew cost more CPU than the writes themselves.
function prepareHotPath(db: Db) {
  return {
    activeJobs: db
      .select({ id: jobs.id, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.kind, sql.placeholder("kind")), inArray(jobs.status, ["queued", "running"])))
      .orderBy(asc(jobs.id))
      .prepare(),
    // The oldest pending items of one job: an index seek on (status, job_id, idx).
    claimInJob: db
      .update(jobItems)
      .set({ status: "running", owner: p("owner"), leaseUntil: p("leaseUntil"), attempts: sql`${jobItems.attempts} + 1`, startedAt: p("now") })
      .where(
        inArray(
          jobItems.id,
          db
            .select({ id: jobItems.id })
            .from(jobItems)
            .where(and(eq(jobItems.status, "pending"), eq(jobItems.jobId, sql.placeholder("jobId"))))
            .orderBy(asc(jobItems.idx))
            .limit(sql.placeholder("limit")),
        ),
      )
      .returning()
      .prepare(),
    startJob: db
      .update(jobs)
      .set({ status: "running", startedAt: sql`coalesce(${jobs.startedAt}, ${sql.placeholder("now")})` })
      .where(and(eq(jobs.id, sql.placeholder("jobId")), eq(jobs.status, "queued")))
      .prepare(),
    recordItem: db
      .update(jobItems)
      .set({
        status: p("status"),
        result: p("result"),
        error: p("error"),
        owner: null,
        leaseUntil: null,
        promptTokens: sql`${jobItems.promptTokens} + ${sql.placeholder("promptTokens")}`,
        completionTokens: sql`${jobItems.completionTokens} + ${sql.placeholder("completionTokens")}`,
        cost: sql`${jobItems.cost} + ${sql.placeholder("cost")}`,
        durationMs: p("durationMs"),
        finishedAt: p("now"),
      })
      .where(and(eq(jobItems.id, sql.placeholder("itemId")), eq(jobItems.owner, sql.placeholder("owner")), eq(jobItems.status, "running")))
      .returning({ jobId: jobItems.jobId })
      .prepare(),
    countOnJob: db
      .update(jobs)
      .set({
        done: sql`${jobs.done} + ${sql.placeholder("done")}`,
        failed: sql`${jobs.failed} + ${sql.placeholder("failed")}`,
        promptTokens: sql`${jobs.promptTokens} + ${sql.placeholder("promptTokens")}`,
        completionTokens: sql`${jobs.completionTokens} + ${sql.placeholder("completionTokens")}`,
        cost: sql`${jobs.cost} + ${sql.placeholder("cost")}`,
      })
      .where(eq(jobs.id, sql.placeholder("jobId")))
      .prepare(),
    openItems: db
      .select({ n: count() })
      .from(jobItems)
      .where(and(inArray(jobItems.status, ["pending", "running"]), eq(jobItems.jobId, sql.placeholder("jobId"))))
      .prepare(),
  };
}

const prepared = new WeakMap<Db, ReturnType<typeof prepareHotPath>>();
function hotPath(db: Db) {
  let statements = prepared.get(db);
  if (!statements) prepared.set(db, (statements = prepareHotPath(db)));
  return statements;
}

/** Claims up to `limit` pending items of active jobs of one kind, oldest job first. */
export function claimItems({ db, kind, owner, limit, leaseMs, now = Date.now() }: { db: Db; kind: string; owner: string; limit: number; leaseMs: number; now?: number }): JobItemRow[] {
  if (limit <= 0) return [];
  const q = hotPath(db);
  return db.transaction(
    () => {
      const claimed: JobItemRow[] = [];
      for (const job of q.activeJobs.all({ kind })) {
        const items = q.claimInJob.all({ jobId: job.id, limit: limit - claimed.length, owner, leaseUntil: now + leaseMs, now: iso() });
        if (items.length === 0) continue;
        claimed.push(...items.sort((a, b) => a.idx - b.idx));
        if (job.status === "queued") q.startJob.run({ jobId: job.id, now: iso() });
        if (claimed.length >= limit) break;
      }
      return claimed;
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
  const q = hotPath(db);
  let result: string | null = null;
  if (outcome.status === "done") {
    try {
      result = JSON.stringify(outcome.result ?? null);
    } catch (e) {
      outcome = { status: "failed", error: `The result could not be stored as JSON: ${(e as Error).message}` };
    }
  }
  const isDone = outcome.status === "done";
  return db.transaction(
    (tx) => {
      const item = q.recordItem.get({
        itemId,
        owner,
        status: outcome.status,
        result,
        error: outcome.status === "failed" ? outcome.error : null,
        ...usage,
        durationMs,
        now: iso(),
      });
      if (!item) return { recorded: false };
      q.countOnJob.run({ jobId: item.jobId, done: isDone ? 1 : 0, failed: isDone ? 0 : 1, ...usage });
      const open = q.openItems.get({ jobId: item.jobId })?.n ?? 0;
      return { recorded: true, finishedJob: open === 0 ? finishIfDone(tx, item.jobId) : undefined };
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
