import { sqliteTable, text, integer, real, uniqueIndex, index } from "drizzle-orm/sqlite-core";

const now = () => new Date().toISOString();

/** queued → running → succeeded | failed; paused / cancelled stop claiming and can be resumed. */
export const JOB_STATUSES = ["queued", "running", "paused", "cancelled", "succeeded", "failed"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const ITEM_STATUSES = ["pending", "running", "done", "failed"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/**
 * One long-running piece of work. `input` holds ids and parameters only (the rows it refers to
 * hold the data). `done`, `failed` and the usage totals are updated in the same transaction as
 * the item they count, so they always equal the sums over `job_items`.
 */
export const jobs = sqliteTable(
  "jobs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind").notNull(),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    input: text("input", { mode: "json" }).$type<unknown>().notNull(),
    total: integer("total").notNull().default(0),
    done: integer("done").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    cost: real("cost").notNull().default(0),
    /** Why the job failed, or what its completion hook reported. */
    error: text("error"),
    createdAt: text("created_at").notNull().$defaultFn(now),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [index("jobs_status_idx").on(t.status), index("jobs_kind_idx").on(t.kind)],
);

/**
 * One unit of a job. A worker claims an item by setting `owner` and `leaseUntil` (epoch ms) and
 * renews the lease while it runs; an item whose owner died or whose lease ran out goes back to
 * pending. The result and `done` are written together, once.
 */
export const jobItems = sqliteTable(
  "job_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    jobId: integer("job_id")
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    idx: integer("idx").notNull(),
    status: text("status").$type<ItemStatus>().notNull().default("pending"),
    input: text("input", { mode: "json" }).$type<unknown>().notNull(),
    result: text("result", { mode: "json" }).$type<unknown>(),
    error: text("error"),
    /** Runs started and not given back (a cancel or a clean stop gives the run back). */
    attempts: integer("attempts").notNull().default(0),
    owner: text("owner"),
    leaseUntil: integer("lease_until"),
    promptTokens: integer("prompt_tokens").notNull().default(0),
    completionTokens: integer("completion_tokens").notNull().default(0),
    cost: real("cost").notNull().default(0),
    /** Wall time of the run that finished the item: the ETA's mean item time. */
    durationMs: integer("duration_ms"),
    startedAt: text("started_at"),
    finishedAt: text("finished_at"),
  },
  (t) => [uniqueIndex("job_items_job_idx").on(t.jobId, t.idx), index("job_items_status_idx").on(t.status, t.jobId, t.idx)],
);
