import { sqliteTable, text, integer, real, index } from "drizzle-orm/sqlite-core";
import type { StoredEvalSummary } from "@/lib/eval/metrics";
import type { EvalSetup } from "@/lib/eval/setup";
import type { RoundSpec, RunStatus } from "@/lib/train/protocol";

const now = () => new Date().toISOString();

/**
 * One training run (a round) on one backend. The spec is the round spec it was started with;
 * status follows Ray's job statuses. `stopRequested` is how the panel asks the process that owns
 * the run (a job runner, possibly in another process) to stop it.
 */
export const trainRuns = sqliteTable(
  "train_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull().default(""),
    backend: text("backend").notNull(),
    spec: text("spec", { mode: "json" }).$type<RoundSpec>().notNull(),
    status: text("status").$type<RunStatus>().notNull().default("PENDING"),
    message: text("message").notNull().default(""),
    /** The durable job that drives the run. */
    jobId: integer("job_id"),
    /** The remote engine's id (a Ray submission id). */
    externalId: text("external_id"),
    stopRequested: integer("stop_requested", { mode: "boolean" }).notNull().default(false),
    createdBy: text("created_by").notNull().default(""),
    createdAt: text("created_at").notNull().$defaultFn(now),
    startedAt: text("started_at"),
    endedAt: text("ended_at"),
  },
  (t) => [index("train_runs_status_idx").on(t.status)],
);

/** A run's events in arrival order (metrics, samples, eval, checkpoints, logs, status changes). */
export const trainEvents = sqliteTable(
  "train_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    runId: integer("run_id")
      .notNull()
      .references(() => trainRuns.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    step: integer("step"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull().$defaultFn(now),
  },
  (t) => [index("train_events_run_idx").on(t.runId, t.id), index("train_events_type_idx").on(t.runId, t.type)],
);

/**
 * An evaluation of one agent on a dataset's cases (the eval harness), standalone or attached to a
 * run (before/after a round). `summary` holds pass@1, pass^k and the per-kind breakdowns.
 */
export const evalRuns = sqliteTable("eval_runs", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  runId: integer("run_id").references(() => trainRuns.id, { onDelete: "set null" }),
  label: text("label").notNull().default(""),
  agent: text("agent").notNull(),
  dataset: text("dataset", { mode: "json" }).$type<EvalSetup>().notNull(),
  trials: integer("trials").notNull().default(1),
  status: text("status").$type<"running" | "succeeded" | "failed">().notNull().default("running"),
  summary: text("summary", { mode: "json" }).$type<StoredEvalSummary>(),
  error: text("error"),
  createdBy: text("created_by").notNull().default(""),
  createdAt: text("created_at").notNull().$defaultFn(now),
  finishedAt: text("finished_at"),
});

/** One trial of one case in an evaluation, with its trajectory. */
export const evalResults = sqliteTable(
  "eval_results",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    evalId: integer("eval_id")
      .notNull()
      .references(() => evalRuns.id, { onDelete: "cascade" }),
    caseId: text("case_id").notNull(),
    trial: integer("trial").notNull(),
    branchKind: text("branch_kind").notNull().default(""),
    outcome: text("outcome").notNull().default(""),
    reward: real("reward").notNull(),
    messages: text("messages", { mode: "json" }).$type<unknown[]>().notNull(),
    error: text("error"),
  },
  (t) => [index("eval_results_eval_idx").on(t.evalId, t.caseId)],
);
