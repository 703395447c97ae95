import { and, asc, count, desc, eq, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { jobItems, jobs, type JobStatus } from "../schema-jobs";
import { DomainError } from "@/lib/errors";

export type JobRow = typeof jobs.$inferSelect;
export type JobItemRow = typeof jobItems.$inferSelect;
export type Usage = { promptTokens: number; completionTokens: number; cost: number };
/** A transaction handle: the helpers below run inside the caller's transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

const iso = () => new Date().toISOString();
const INSERT_CHUNK = 500;
const ACTIVE: JobStatus[] = ["queued", "running"];
const STOPPABLE: JobStatus[] = ["queued", "running", "paused"];
const RESUMABLE: JobStatus[] = ["paused", "cancelled", "failed", "succeeded"];

/** Inserts a job and its items in one transaction; a job without items is finished at once. */
export function insertJob({ db, kind, input, items }: { db: Db; kind: string; input: unknown; items: unknown[] }): JobRow {
  return db.transaction((tx) => {
    const job = tx.insert(jobs).values({ kind, input, total: items.length }).returning().get();
    for (let start = 0; start < items.length; start += INSERT_CHUNK) {
      const chunk = items.slice(start, start + INSERT_CHUNK).map((item, i) => ({ jobId: job.id, idx: start + i, input: item }));
      tx.insert(jobItems).values(chunk).run();
    }
    return finishIfDone(tx, job.id) ?? job;
  });
}

export function getJob({ db, id }: { db: Db | Tx; id: number }): JobRow {
  const row = db.select().from(jobs).where(eq(jobs.id, id)).get();
  if (!row) throw new DomainError("not_found", `No job with id ${id}.`);
  return row;
}

/** Newest first; `kind` is one kind or several. */
export function listJobs({ db, status, kind, limit = 100 }: { db: Db; status?: JobStatus; kind?: string | string[]; limit?: number }): JobRow[] {
  const kinds = kind === undefined ? [] : typeof kind === "string" ? [kind] : kind;
  const filters = [status ? eq(jobs.status, status) : undefined, kinds.length ? inArray(jobs.kind, kinds) : undefined].filter((f) => f !== undefined);
  return db
    .select()
    .from(jobs)
    .where(filters.length ? and(...filters) : undefined)
    .orderBy(desc(jobs.id))
    .limit(limit)
    .all();
}

export function listJobItems({ db, jobId, offset = 0, limit = 1000 }: { db: Db; jobId: number; offset?: number; limit?: number }): JobItemRow[] {
  return db.select().from(jobItems).where(eq(jobItems.jobId, jobId)).orderBy(asc(jobItems.idx)).limit(limit).offset(offset).all();
}

/**
 * Moves the job to succeeded/failed when no item is pending or running. A job fails only when
 * every item failed; otherwise the failures are counted and summarized in `error`.
 * Returns the finished row, or undefined when the job is not finished (or was already).
 */
export function finishIfDone(tx: Tx, jobId: number): JobRow | undefined {
  const open = tx
    .select({ n: count() })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, jobId), inArray(jobItems.status, ["pending", "running"])))
    .get();
  if ((open?.n ?? 0) > 0) return undefined;
  return tx
    .update(jobs)
    .set({
      status: sql`case when ${jobs.total} > 0 and ${jobs.failed} = ${jobs.total} then 'failed' else 'succeeded' end`,
      error: sql`case when ${jobs.failed} > 0 then ${jobs.failed} || ' of ' || ${jobs.total} || ' items failed' else null end`,
      finishedAt: iso(),
    })
    .where(and(eq(jobs.id, jobId), inArray(jobs.status, ACTIVE)))
    .returning()
    .get();
}

/** Stops claiming a job's items; its running items go back to pending (their runs are discarded). */
export function stopJob({ db, id, status }: { db: Db; id: number; status: "cancelled" | "paused" }): JobRow {
  return db.transaction((tx) => {
    const job = getJob({ db: tx, id });
    if (!STOPPABLE.includes(job.status)) throw new DomainError("conflict", `Job ${id} is ${job.status}; only a queued, running or paused job can be ${status}.`, { status: job.status });
    releaseRunning(tx, and(eq(jobItems.jobId, id), eq(jobItems.status, "running")));
    return tx.update(jobs).set({ status }).where(eq(jobs.id, id)).returning().get();
  });
}

/**
 * Queues a stopped or finished job again: its pending items run, done items are kept. With
 * `retryFailed` its failed items go back to pending too (their usage so far stays counted).
 */
export function reopenJob({ db, id, retryFailed = false }: { db: Db; id: number; retryFailed?: boolean }): JobRow {
  return db.transaction((tx) => {
    const job = getJob({ db: tx, id });
    if (!RESUMABLE.includes(job.status)) throw new DomainError("conflict", `Job ${id} is ${job.status}; only a paused, cancelled or finished job can be resumed.`, { status: job.status });
    if (retryFailed) {
      const retried = tx
        .update(jobItems)
        .set({ status: "pending", error: null, finishedAt: null, durationMs: null })
        .where(and(eq(jobItems.jobId, id), eq(jobItems.status, "failed")))
        .returning({ id: jobItems.id })
        .all();
      tx.update(jobs).set({ failed: sql`${jobs.failed} - ${retried.length}` }).where(eq(jobs.id, id)).run();
    }
    tx.update(jobs).set({ status: "queued", finishedAt: null, error: null }).where(eq(jobs.id, id)).run();
    return finishIfDone(tx, id) ?? getJob({ db: tx, id });
  });
}

/**
 * Gives running items back to pending. A run stopped on purpose (cancel, clean stop) is
 * un-counted; a run whose worker died still counts toward the crash limit (`uncount: false`).
 */
export function releaseRunning(tx: Tx, where: SQL | undefined, { uncount = true }: { uncount?: boolean } = {}): number {
  return tx
    .update(jobItems)
    .set({ status: "pending", owner: null, leaseUntil: null, startedAt: null, attempts: uncount ? sql`max(${jobItems.attempts} - 1, 0)` : jobItems.attempts })
    .where(where)
    .returning({ id: jobItems.id })
    .all().length;
}

export type ProgressCounts = {
  job: JobRow;
  pending: number;
  running: number;
  done: number;
  failed: number;
  meanItemMs: number | null;
  errors: { idx: number; error: string }[];
};

/** Item counts by status, the mean time of finished items, and the first failures. */
export function getProgressCounts({ db, id, maxErrors = 50 }: { db: Db; id: number; maxErrors?: number }): ProgressCounts {
  const job = getJob({ db, id });
  const byStatus = db.select({ status: jobItems.status, n: count() }).from(jobItems).where(eq(jobItems.jobId, id)).groupBy(jobItems.status).all();
  const n = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const mean = db
    .select({ ms: sql<number | null>`avg(${jobItems.durationMs})` })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, id), isNotNull(jobItems.durationMs)))
    .get();
  const errors = db
    .select({ idx: jobItems.idx, error: jobItems.error })
    .from(jobItems)
    .where(and(eq(jobItems.jobId, id), eq(jobItems.status, "failed")))
    .orderBy(asc(jobItems.idx))
    .limit(maxErrors)
    .all()
    .map((e) => ({ idx: e.idx, error: e.error ?? "unknown error" }));
  return { job, pending: n("pending"), running: n("running"), done: n("done"), failed: n("failed"), meanItemMs: mean?.ms ?? null, errors };
}

/** Appends a note to a job's error (a completion hook that threw). */
export function noteJobError({ db, id, error }: { db: Db; id: number; error: string }): void {
  db.update(jobs)
    .set({ error: sql`case when ${jobs.error} is null then ${error} else ${jobs.error} || '; ' || ${error} end` })
    .where(eq(jobs.id, id))
    .run();
}
