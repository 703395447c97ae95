import type { Db } from "@/db/client";
import { getProblem } from "@/db/queries/problems";
import { caseRowsById, casesWithStatus, freezeSnapshot, kindCounts, problemsWithStatus, type FrozenRow } from "@/db/queries/round-data";
import { updateRound, type RoundRow } from "@/db/queries/rounds";
import type { StepContext, StepOutcome } from "../context";
import { inputRows, inputsOf } from "../context";
import { trainedPolicy } from "../policy";
import { problemSetRecord } from "../reasoning";
import type { RoundOutput } from "../records";
import type { Project } from "../schema";

/** The new cases of a domain that join the next round: verified, kept by the band, approved when review is required. */
export function joiningCases(db: Db, round: RoundRow, domain: string, reviewRequired: boolean): number[] {
  const verified = round.results.verification?.[domain]?.verified ?? [];
  const kept = round.results.selection?.[domain] ? new Set(round.results.selection[domain].keptIds) : null;
  const candidates = verified.filter((id) => !kept || kept.has(id));
  return reviewRequired ? casesWithStatus({ db, ids: candidates, status: "approved" }).sort((a, b) => a - b) : candidates;
}

/**
 * The rows of a domain's next snapshot: the held-out set as frozen, the training cases the band
 * kept, and the joining new cases (`addedData` gives their TestCase JSON: the stored case, or on
 * a re-run the regenerated one).
 */
export function outputRows(db: Db, round: RoundRow, domain: string, addedIds: number[], addedData: Map<number, Record<string, unknown>>): { rows: FrozenRow[]; dropped: number } {
  const rows = inputRows(db, round, domain);
  const kept = round.results.selection?.[domain] ? new Set(round.results.selection[domain].keptIds) : null;
  const train = rows.filter((r) => r.split === "train");
  const keptTrain = train.filter((r) => !kept || kept.has(r.caseId));
  const added: FrozenRow[] = addedIds.map((caseId) => ({ caseId, split: "train", data: addedData.get(caseId)! }));
  const validation = rows.filter((r) => r.split === "validation");
  return { rows: [...keptTrain.map(({ caseId, split, data }) => ({ caseId, split, data })), ...added, ...validation.map(({ caseId, split, data }) => ({ caseId, split, data }))], dropped: train.length - keptTrain.length };
}

/** The policy and model the next round starts from. */
export function nextPolicy(project: Project, round: RoundRow): Pick<RoundOutput, "policy" | "model"> {
  const inputs = inputsOf(round);
  const train = round.results.train;
  if (!train?.runIds || !train.checkpoint) return { policy: inputs.policy, model: inputs.model };
  return trainedPolicy(project, train.checkpoint);
}

/**
 * Close: freezes each domain's next snapshot and the next problem set, and closes the round in
 * the same transaction. From here the round is immutable; the next round starts from its output.
 */
export async function closeStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const round = ctx.round();
  const inputs = inputsOf(round);
  const required = project.settings.reviewRequired;
  const problems: RoundOutput["problems"] = inputs.problems.map((set) => {
    const variants = round.results.reasoning?.[set.domain]?.verifiedIds ?? [];
    const joining = required ? problemsWithStatus({ db, ids: variants, status: "approved" }) : variants;
    const ids = [...new Set([...set.ids, ...joining])];
    return { ...problemSetRecord(set.domain, ids.map((id) => getProblem({ db, id }).problem)), added: ids.length - set.ids.length };
  });
  db.transaction(() => {
    const snapshots = inputs.snapshots.map((snap) => {
      const addedIds = joiningCases(db, round, snap.domain, required);
      const data = new Map(caseRowsById({ db, ids: addedIds }).map((r) => [r.id, r.data]));
      const { rows, dropped } = outputRows(db, round, snap.domain, addedIds, data);
      const frozen = freezeSnapshot({ db, domainSlug: snap.domain, rows, seed: round.seed, approvedOnly: required, createdBy: `round ${round.number} of ${project.name}` });
      return { ...frozen, added: addedIds.length, addedIds, addedByKind: kindCounts(addedIds.map((id) => ({ data: data.get(id)! }))), dropped };
    });
    const output: RoundOutput = { snapshots, problems, ...nextPolicy(project, round) };
    updateRound({ db, id: round.id, patch: { output, status: "closed", steps: { close: { status: "done", jobId: ctx.jobId, finishedAt: new Date().toISOString(), note: snapshots.map((s) => `${s.domain}: +${s.added} −${s.dropped} → ${s.train} training cases`).join("; ") } } } });
  });
  return { status: "done" };
}
