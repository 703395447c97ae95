import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { databasePath } from "@/db/client";
import { attachJob, createRun, getRun, requestStop, setRunStatus, stopRequested, appendEvent, type TrainRunRow } from "@/db/queries/train-runs";
import { problemIds } from "@/db/queries/problems";
import { loadTrainingData } from "@/db/queries/train-dataset";
import { enqueueJob, cancelJob } from "@/lib/jobs/control";
import { DomainError } from "@/lib/errors";
import { isTerminal, RoundSpec, type RoundSpecInput, type RunStatus, type TrainEventInput } from "./protocol";
import { loadBackend } from "./backends";

/** How often the owner of a run checks whether someone asked it to stop. */
const STOP_POLL_MS = 1000;

/** A run's own folder (checkpoints, job files, packages), beside the database and per database file. */
export function runDirectory(runId: number): string {
  const db = databasePath();
  const dbName = db === ":memory:" ? "memory" : path.basename(db).replace(/\.[^.]+$/, "");
  const base = db === ":memory:" ? path.join(/*turbopackIgnore: true*/ process.cwd(), "data") : path.dirname(path.resolve(/*turbopackIgnore: true*/ db));
  return path.join(/*turbopackIgnore: true*/ base, "runs", dbName, String(runId));
}

/**
 * The spec with every verified problem of its dataset's domain added (what the panel's "with
 * reasoning problems" asks for); the ids are recorded in the spec, so the run replays exactly.
 */
export function withDomainProblems(db: Db, spec: RoundSpec): RoundSpec {
  const { domain } = loadTrainingData({ db, ref: { ...spec.dataset, problems: undefined }, seed: spec.seed });
  const ids = problemIds({ db, filter: { domain: domain.slug, verdict: "verified" } });
  if (!ids.length) throw new DomainError("invalid", `${domain.name} has no verified reasoning problems: generate some on the Reasoning page, or untick "with reasoning problems".`, { field: "withProblems" });
  const validationRatio = spec.dataset.kind === "domain" ? spec.dataset.validationRatio : 0.25;
  return { ...spec, dataset: { ...spec.dataset, problems: { ids, validationRatio } } };
}

/** Validates a spec (and that its dataset has cases), creates the run and queues its job; `withProblems` adds the domain's verified problems. */
export async function startRound({ db, spec: input, createdBy = "", withProblems = false }: { db: Db; spec: RoundSpecInput; createdBy?: string; withProblems?: boolean }): Promise<TrainRunRow> {
  const parsed = RoundSpec.parse(input);
  const spec = withProblems ? withDomainProblems(db, parsed) : parsed;
  const data = loadTrainingData({ db, ref: spec.dataset, seed: spec.seed });
  if (!data.train.length) throw new DomainError("invalid", `${data.label} has no training cases: every case fell into the validation split; lower the validation ratio or add cases.`);
  const run = createRun({ db, spec: { ...spec, name: spec.name || `${spec.backend} on ${data.label}` }, createdBy });
  const job = await enqueueJob({ db, kind: "train.round", input: { runId: run.id } });
  attachJob({ db, id: run.id, jobId: job.id });
  return getRun({ db, id: run.id });
}

/** Asks a run to stop; a run nobody has picked up yet ends STOPPED at once. */
export function stopRound({ db, id }: { db: Db; id: number }): TrainRunRow {
  const run = requestStop({ db, id });
  if (run.status === "PENDING") {
    if (run.jobId) cancelJob({ db, id: run.jobId });
    return setRunStatus({ db, id, status: "STOPPED", message: "stopped before it started" });
  }
  return run;
}

/**
 * Runs a round to its end in this process: loads its cases, hands them to the backend, stores
 * every event, and turns a stop request (from any process, through the database) into an abort.
 */
export async function runRound({ db, runId, signal }: { db: Db; runId: number; signal?: AbortSignal }): Promise<RunStatus> {
  const run = getRun({ db, id: runId });
  if (isTerminal(run.status)) return run.status;
  const emit = (event: TrainEventInput) => appendEvent({ db, runId, event });
  const controller = new AbortController();
  const abort = () => controller.abort();
  signal?.addEventListener("abort", abort, { once: true });
  const poll = setInterval(() => {
    if (stopRequested({ db, id: runId })) abort();
  }, STOP_POLL_MS);
  try {
    if (run.status === "RUNNING") {
      emit({ type: "status", status: "FAILED", message: "the process that ran this round ended unexpectedly; its checkpoints are kept — start a new round from one" });
      return "FAILED";
    }
    if (run.stopRequested) return setRunStatus({ db, id: runId, status: "STOPPED", message: "stopped before it started" }).status;
    const spec = RoundSpec.parse(run.spec);
    const data = loadTrainingData({ db, ref: spec.dataset, seed: spec.seed });
    const runDir = runDirectory(runId);
    fs.mkdirSync(runDir, { recursive: true });
    setRunStatus({ db, id: runId, status: "RUNNING" });
    emit({ type: "log", message: `${spec.backend} round on ${data.label}: ${data.train.length} training and ${data.validation.length} validation tasks; files in ${runDir}` });
    const backend = await loadBackend(spec.backend);
    const status = await backend.run({ runId, spec, data, runDir, emit, signal: controller.signal });
    return setRunStatus({ db, id: runId, status }).status;
  } catch (e) {
    emit({ type: "status", status: "FAILED", message: (e as Error).message });
    return "FAILED";
  } finally {
    clearInterval(poll);
    signal?.removeEventListener("abort", abort);
  }
}
