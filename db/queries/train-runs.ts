import { and, asc, desc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { trainEvents, trainRuns } from "../schema-train";
import { DomainError } from "@/lib/errors";
import { isTerminal, TrainEvent, type RoundSpec, type RunStatus, type TrainEventInput } from "@/lib/train/protocol";

export type TrainRunRow = typeof trainRuns.$inferSelect;
export type TrainEventRow = typeof trainEvents.$inferSelect;

const iso = () => new Date().toISOString();

export function createRun({ db, spec, createdBy = "" }: { db: Db; spec: RoundSpec; createdBy?: string }): TrainRunRow {
  return db.insert(trainRuns).values({ name: spec.name, backend: spec.backend, spec, createdBy }).returning().get();
}

export function getRun({ db, id }: { db: Db; id: number }): TrainRunRow {
  const row = db.select().from(trainRuns).where(eq(trainRuns.id, id)).get();
  if (!row) throw new DomainError("not_found", `Training run ${id} not found.`);
  return row;
}

export function listRuns({ db, limit = 100 }: { db: Db; limit?: number }): TrainRunRow[] {
  return db.select().from(trainRuns).orderBy(desc(trainRuns.id)).limit(limit).all();
}

export function attachJob({ db, id, jobId }: { db: Db; id: number; jobId: number }): void {
  db.update(trainRuns).set({ jobId }).where(eq(trainRuns.id, id)).run();
}

export function setExternalId({ db, id, externalId }: { db: Db; id: number; externalId: string }): void {
  db.update(trainRuns).set({ externalId }).where(eq(trainRuns.id, id)).run();
}

/**
 * Moves a run to a status. A terminal status is final: later status changes are ignored (a
 * backend that reports SUCCEEDED after the studio marked it STOPPED does not flip it back).
 */
export function setRunStatus({ db, id, status, message }: { db: Db; id: number; status: RunStatus; message?: string }): TrainRunRow {
  return db.transaction((tx) => {
    const run = tx.select().from(trainRuns).where(eq(trainRuns.id, id)).get();
    if (!run) throw new DomainError("not_found", `Training run ${id} not found.`);
    if (isTerminal(run.status) || run.status === status) return run;
    const patch: Partial<TrainRunRow> = { status, ...(message !== undefined ? { message } : {}) };
    if (status === "RUNNING" && !run.startedAt) patch.startedAt = iso();
    if (isTerminal(status)) patch.endedAt = iso();
    return tx.update(trainRuns).set(patch).where(eq(trainRuns.id, id)).returning().get();
  });
}

/** Asks the run's owner to stop it; a run that never started is stopped at once. */
export function requestStop({ db, id }: { db: Db; id: number }): TrainRunRow {
  const run = getRun({ db, id });
  if (isTerminal(run.status)) throw new DomainError("conflict", `Run ${id} has already ended (${run.status}).`);
  db.update(trainRuns).set({ stopRequested: true }).where(eq(trainRuns.id, id)).run();
  return getRun({ db, id });
}

export function stopRequested({ db, id }: { db: Db; id: number }): boolean {
  return db.select({ s: trainRuns.stopRequested }).from(trainRuns).where(eq(trainRuns.id, id)).get()?.s ?? false;
}

/** Stores an event (validated); a status event also moves the run's status. Returns the event's id. */
export function appendEvent({ db, runId, event }: { db: Db; runId: number; event: TrainEventInput }): number {
  const parsed = TrainEvent.parse(event);
  const { type, ...data } = parsed;
  const step = "step" in parsed ? parsed.step : null;
  const id = db.insert(trainEvents).values({ runId, type, step, data }).returning({ id: trainEvents.id }).get().id;
  if (parsed.type === "status") setRunStatus({ db, id: runId, status: parsed.status, message: parsed.message });
  return id;
}

export type StoredEvent = TrainEvent & { id: number; createdAt: string };

const toEvent = (r: TrainEventRow): StoredEvent => ({ ...(r.data as object), type: r.type, id: r.id, createdAt: r.createdAt }) as StoredEvent;

/** A run's events after `afterId` (for live polling), oldest first, optionally of some types only. */
export function listEvents({ db, runId, afterId = 0, types, limit = 5000 }: { db: Db; runId: number; afterId?: number; types?: TrainEvent["type"][]; limit?: number }): StoredEvent[] {
  const where = and(eq(trainEvents.runId, runId), gt(trainEvents.id, afterId), types?.length ? inArray(trainEvents.type, types) : undefined);
  return db.select().from(trainEvents).where(where).orderBy(asc(trainEvents.id)).limit(limit).all().map(toEvent);
}
