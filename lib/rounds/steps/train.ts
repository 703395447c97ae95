import { updateRound } from "@/db/queries/rounds";
import { createRun, getRun, listEvents } from "@/db/queries/train-runs";
import { DomainError } from "@/lib/errors";
import { RoundSpec, type ModelRef } from "@/lib/train/protocol";
import { runRound } from "@/lib/train/round";
import { summarizeEvents } from "@/lib/train/summary";
import type { StepContext, StepOutcome } from "../context";
import { inputsOf } from "../context";
import { trainedPolicy } from "../policy";

/**
 * Trains the round's policy on each domain's input snapshot (and the domain's recorded problem
 * set, held out by family with the project's share) in turn, each run starting from the
 * previous one's checkpoint (the first from the round's starting model), in this process: the
 * step is a durable job, and the run relays its backend's events to train_events as the Train
 * page shows them. A run id is recorded as soon as it exists; a resumed step reuses a run that
 * succeeded and starts a fresh one for a run a crash cut short (runRound marks that one FAILED).
 */
export async function trainStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  if (project.backend === "none") return { status: "skipped", note: "backend none: the base model is evaluated, not trained" };
  const round = ctx.round();
  const inputs = inputsOf(round);
  const runIds: Record<string, number> = { ...round.results.train?.runIds };
  let model: ModelRef | null = inputs.model;
  let checkpoint: string | null = null;
  const t = project.settings.train;
  for (const snap of inputs.snapshots) {
    let runId = runIds[snap.domain];
    const previous = runId !== undefined ? getRun({ db, id: runId }) : null;
    if (previous?.status === "RUNNING") await runRound({ db, runId: previous.id }); // its owner died: this marks it FAILED
    if (!previous || (previous.status !== "SUCCEEDED" && previous.status !== "PENDING")) {
      const problemIds = inputs.problems.find((p) => p.domain === snap.domain)?.ids ?? [];
      const problems = problemIds.length ? { ids: problemIds, validationRatio: project.settings.validationRatio } : undefined;
      const spec = RoundSpec.parse({
        name: `${project.name} round ${round.number} on ${snap.domain}`,
        backend: project.backend, model: model ?? undefined, dataset: { kind: "snapshot", snapshotId: snap.snapshotId, problems },
        grpo: t.grpo, schedule: { steps: t.steps, sftSteps: t.sftSteps, evalEvery: t.evalEvery, saveEvery: Math.max(1, t.steps) },
        seed: round.seed, backendOptions: t.backendOptions,
      });
      runId = createRun({ db, spec, createdBy: `round ${round.number} of ${project.name}` }).id;
      runIds[snap.domain] = runId;
      updateRound({ db, id: round.id, patch: { results: { train: { runIds, checkpoint: null, policy: null } } } });
    }
    const status = previous?.status === "SUCCEEDED" ? "SUCCEEDED" : await runRound({ db, runId, signal: ctx.signal });
    ctx.signal.throwIfAborted();
    if (status !== "SUCCEEDED") throw new DomainError("internal", `Training run ${runId} on ${snap.domain} ended ${status}: ${getRun({ db, id: runId }).message || "see its log on the Train page"}.`);
    checkpoint = summarizeEvents(listEvents({ db, runId, types: ["checkpoint", "eval", "metrics"] })).checkpoint;
    if (!checkpoint) throw new DomainError("internal", `Training run ${runId} on ${snap.domain} succeeded without writing a checkpoint.`);
    model = trainedPolicy(project, checkpoint).model;
  }
  const { policy } = trainedPolicy(project, checkpoint);
  updateRound({ db, id: round.id, patch: { results: { train: { runIds, checkpoint, policy } } } });
  return { status: "done", note: `checkpoint ${checkpoint}` };
}
