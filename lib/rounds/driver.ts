import type { Db } from "@/db/client";
import { getJob } from "@/db/queries/jobs";
import { createRound, getProject, getRound, latestRound, openRound, updateRound, type RoundRow } from "@/db/queries/rounds";
import { DomainError } from "@/lib/errors";
import { enqueueJob, resumeJob } from "@/lib/jobs/control";
import { seedFor } from "@/lib/synth/prng";
import { freshRound, type RoundDeps, type StepRunner } from "./context";
import { nextStep, type RoundStep } from "./schema";
import { prepareStep } from "./steps/prepare";
import { heldOutEvalStep } from "./steps/evaluate";
import { trainStep } from "./steps/train";
import { mineStep } from "./steps/mine";
import { generateStep } from "./steps/generate";
import { verifyStep } from "./steps/verify";
import { selectStep } from "./steps/select";
import { reasonStep } from "./steps/reason";
import { reviewStep } from "./steps/review";
import { closeStep } from "./steps/close";

export const ROUND_STEP_KIND = "rounds.step";

const RUNNERS: Record<RoundStep, StepRunner> = {
  prepare: prepareStep, eval_before: heldOutEvalStep("evalBefore"), train: trainStep, eval_after: heldOutEvalStep("evalAfter"),
  mine: mineStep, generate: generateStep, verify: verifyStep, select: selectStep, reason: reasonStep, review: reviewStep, close: closeStep,
};

/** A round's seed: the project's seed and the round number (fits the generator's 31-bit seeds). */
export const roundSeed = (projectSeed: number, number: number) => seedFor(projectSeed, `round:${number}`) % 2 ** 31;

const iso = () => new Date().toISOString();

/** Whether a round has stopped moving on its own: closed, failed, or waiting for reviewers. */
export const isAtStop = (round: RoundRow) => round.status !== "open" || round.steps[round.step]?.status === "waiting";

/**
 * Runs one step of a round (the body of a rounds.step job) and says which step comes next
 * (null at a stop). A job that is no longer the step's designated one (a duplicate, a stale
 * retry) does nothing. A failure marks the step and the round failed with the message, then
 * rethrows so the job item fails; resuming the job runs the step again.
 */
export async function runRoundStep(o: { db: Db; roundId: number; step: RoundStep; jobId: number; signal: AbortSignal; autoApprove?: boolean; deps?: RoundDeps }): Promise<{ step: RoundStep; next: RoundStep | null; status: string; note?: string }> {
  const { db, roundId, step, jobId } = o;
  const round = getRound({ db, id: roundId });
  const state = round.steps[step];
  if (round.status === "closed" || round.step !== step) return { step, next: null, status: "stale" };
  if (state?.jobId !== undefined && state.jobId !== jobId && ["queued", "running"].includes(getJob({ db, id: state.jobId }).status)) return { step, next: null, status: "stale" };
  updateRound({ db, id: roundId, patch: { status: "open", error: null, steps: { [step]: { status: "running", jobId, startedAt: iso() } } } });
  const project = getProject({ db, id: round.projectId });
  const ctx = { db, project, roundId, jobId, signal: o.signal, autoApprove: o.autoApprove ?? false, deps: o.deps ?? {}, round: freshRound(db, roundId) };
  let outcome;
  try {
    outcome = await RUNNERS[step](ctx);
  } catch (e) {
    if (!o.signal.aborted) {
      const message = (e as Error).message ?? String(e);
      updateRound({ db, id: roundId, patch: { status: "failed", error: `${step}: ${message}`, steps: { [step]: { status: "failed", jobId, finishedAt: iso(), error: message } } } });
    }
    throw e;
  }
  if (step === "close") return { step, next: null, status: "closed" };
  const finished = { status: outcome.status, jobId, startedAt: getRound({ db, id: roundId }).steps[step]?.startedAt, finishedAt: iso(), note: outcome.note };
  if (outcome.status === "waiting") {
    updateRound({ db, id: roundId, patch: { status: "review", steps: { [step]: finished } } });
    return { step, next: null, status: "waiting", note: outcome.note };
  }
  const next = nextStep(step)!;
  updateRound({ db, id: roundId, patch: { step: next, steps: { [step]: finished } } });
  return { step, next, status: outcome.status, note: outcome.note };
}

/**
 * Makes sure the round's current step has a job that will run: reuses a queued or running one,
 * resumes a failed, paused or cancelled one (failed items again), and enqueues a new one
 * otherwise (a step that waited, or none yet). Returns the job id; null for a closed round.
 */
export async function ensureStepJob({ db, roundId, autoApprove = false }: { db: Db; roundId: number; autoApprove?: boolean }): Promise<number | null> {
  const round = getRound({ db, id: roundId });
  if (round.status === "closed") return null;
  const step = round.step;
  const known = round.steps[step]?.jobId;
  let jobId: number | null = null;
  if (known !== undefined) {
    const job = getJob({ db, id: known });
    const sameApproval = Boolean((job.input as { autoApprove?: boolean }).autoApprove) === autoApprove;
    if (job.status === "queued" || job.status === "running") return known;
    if (sameApproval && (job.status === "failed" || job.status === "paused" || job.status === "cancelled")) jobId = resumeJob({ db, id: known, retryFailed: true }).id;
  }
  jobId ??= (await enqueueJob({ db, kind: ROUND_STEP_KIND, input: { roundId, step, autoApprove } })).id;
  // open again (a failed round, or one waiting for reviewers) until the step's job says otherwise;
  // an in-process runner may have started the job already, and then its own state stands
  const now = getRound({ db, id: roundId });
  if (now.step === step && now.status !== "closed" && (now.steps[step]?.jobId !== jobId || now.steps[step]?.status === "failed")) {
    updateRound({ db, id: roundId, patch: { status: "open", steps: { [step]: { ...now.steps[step], status: "pending", jobId } } } });
  }
  return jobId;
}

/**
 * The round a project works on now: its open one, else a new one after the last closed round
 * (round 1 when there is none). A project runs one round at a time.
 */
export function currentOrNextRound({ db, projectId, createdBy = "" }: { db: Db; projectId: number; createdBy?: string }): RoundRow {
  const open = openRound({ db, projectId });
  if (open) return open;
  const project = getProject({ db, id: projectId });
  const last = latestRound({ db, projectId });
  if (last?.output && !last.output.snapshots.some((s) => s.train > 0)) throw new DomainError("conflict", `Round ${last.number} left no training cases: the policy solves everything it was given.`);
  const number = (last?.number ?? 0) + 1;
  return createRound({ db, projectId, number, seed: roundSeed(project.settings.seed, number), createdBy });
}

/** Starts (or continues) the project's current round: returns it and the job that runs its next step. */
export async function advanceProject({ db, projectId, autoApprove = false, createdBy = "" }: { db: Db; projectId: number; autoApprove?: boolean; createdBy?: string }): Promise<{ round: RoundRow; jobId: number | null }> {
  const round = currentOrNextRound({ db, projectId, createdBy });
  const jobId = await ensureStepJob({ db, roundId: round.id, autoApprove });
  return { round: getRound({ db, id: round.id }), jobId };
}
