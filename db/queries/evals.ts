import { and, asc, count, desc, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { evalResults, evalRuns } from "../schema-train";
import { DomainError } from "@/lib/errors";
import { STOP_MARKER, type ChatMessage } from "@/lib/chat/schema";
import type { EvalFailure, EvalSummary, StoredEvalSummary, TrialOutcome, TrialResult } from "@/lib/eval/metrics";
import type { EvalSetup } from "@/lib/eval/setup";

export type EvalRunRow = typeof evalRuns.$inferSelect;
export type EvalResultRow = typeof evalResults.$inferSelect;

export type { StoredEvalSummary };

const iso = () => new Date().toISOString();

export function createEval({ db, agent, dataset, trials, runId = null, label = "", createdBy = "" }: {
  db: Db; agent: string; dataset: EvalSetup; trials: number; runId?: number | null; label?: string; createdBy?: string;
}): EvalRunRow {
  return db.insert(evalRuns).values({ agent, dataset, trials, runId, label, createdBy }).returning().get();
}

export function getEval({ db, id }: { db: Db; id: number }): EvalRunRow {
  const row = db.select().from(evalRuns).where(eq(evalRuns.id, id)).get();
  if (!row) throw new DomainError("not_found", `Evaluation ${id} not found.`);
  return row;
}

/** Newest first; only those attached to a training run when `runId` is given. */
export function listEvals({ db, runId, limit = 100 }: { db: Db; runId?: number; limit?: number }): EvalRunRow[] {
  return db.select().from(evalRuns).where(runId === undefined ? undefined : eq(evalRuns.runId, runId)).orderBy(desc(evalRuns.id)).limit(limit).all();
}

/** Starts (or starts over, after a crash or a resumed job): earlier results go, the status is running again. */
export function restartEval({ db, id }: { db: Db; id: number }): EvalRunRow {
  return db.transaction((tx) => {
    tx.delete(evalResults).where(eq(evalResults.evalId, id)).run();
    const row = tx.update(evalRuns).set({ status: "running", summary: null, error: null, finishedAt: null }).where(eq(evalRuns.id, id)).returning().get();
    if (!row) throw new DomainError("not_found", `Evaluation ${id} not found.`);
    return row;
  });
}

export function recordResult({ db, evalId, result }: { db: Db; evalId: number; result: TrialResult }): number {
  const { caseId, trial, kind, outcome, reward, messages, error } = result;
  return db.insert(evalResults).values({ evalId, caseId, trial, branchKind: kind, outcome, reward, messages, error }).returning({ id: evalResults.id }).get().id;
}

export function finishEval({ db, id, summary }: { db: Db; id: number; summary: EvalSummary }): EvalRunRow {
  const { failures, ...rest } = summary;
  const stored: StoredEvalSummary = { ...rest, failure_count: failures.length };
  return db.update(evalRuns).set({ status: "succeeded", summary: stored, error: null, finishedAt: iso() }).where(eq(evalRuns.id, id)).returning().get();
}

export function failEval({ db, id, error }: { db: Db; id: number; error: string }): EvalRunRow {
  return db.update(evalRuns).set({ status: "failed", error, finishedAt: iso() }).where(eq(evalRuns.id, id)).returning().get();
}

/** How a stored trial ended, read off its trajectory: the user's stop marker, an error, or the turn limit. */
export function endReasonOf(messages: ChatMessage[], error: string | null): string {
  if (error !== null) return "error";
  const last = messages.at(-1);
  return last?.role === "user" && last.content.includes(STOP_MARKER) ? "user_stop" : "max_turns";
}

export interface EvalDetail {
  eval: EvalRunRow;
  /** The stored trials so far (a running evaluation fills up). */
  results: { recorded: number; passed: number; errors: number };
  failures: EvalFailure[];
}

/** An evaluation with its trial counts and its failed trials (trajectories included), by case then trial. */
export function getEvalDetail({ db, id, failureLimit = 200 }: { db: Db; id: number; failureLimit?: number }): EvalDetail {
  const row = getEval({ db, id });
  const tally = db
    .select({ recorded: count(), passed: sql<number>`coalesce(sum(${evalResults.outcome} = 'pass'), 0)`, errors: sql<number>`coalesce(sum(${evalResults.error} is not null), 0)` })
    .from(evalResults)
    .where(eq(evalResults.evalId, id))
    .get()!;
  const failed = db
    .select()
    .from(evalResults)
    .where(and(eq(evalResults.evalId, id), ne(evalResults.outcome, "pass")))
    .orderBy(sql`cast(${evalResults.caseId} as integer)`, asc(evalResults.caseId), asc(evalResults.trial))
    .limit(failureLimit)
    .all();
  const failures = failed.map((r): EvalFailure => {
    const messages = r.messages as ChatMessage[];
    return { case_id: r.caseId, trial: r.trial, kind: r.branchKind, outcome: r.outcome as TrialOutcome, reward: r.reward, end_reason: endReasonOf(messages, r.error), error: r.error, observed: "", messages };
  });
  return { eval: row, results: { recorded: tally.recorded, passed: Number(tally.passed), errors: Number(tally.errors) }, failures };
}
