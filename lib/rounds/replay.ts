import type { Db } from "@/db/client";
import { getCase } from "@/db/queries/cases";
import { snapshotHashOf } from "@/db/queries/round-data";
import { getProject, getRound } from "@/db/queries/rounds";
import { canonicalJson } from "@/lib/env/state";
import { DomainError } from "@/lib/errors";
import { generateCase } from "@/lib/generate/generate-case";
import { itemInput } from "./steps/generate";
import { mineEval } from "./steps/mine";
import { outputRows } from "./steps/close";

export interface ReplayReport {
  round: number;
  domains: {
    domain: string;
    recordedHash: string;
    replayedHash: string;
    isSameHash: boolean;
    /** The weak nodes mined again from the stored trajectories equal the recorded ones. */
    isSameWeakNodes: boolean;
    regenerated: number;
    /** Regenerated cases whose JSON equals the stored case's. */
    identical: number;
    notes: string[];
  }[];
}

/**
 * Re-runs a closed round from its records, storing nothing: mines the stored trajectories of its
 * mining evaluation again, regenerates every joining case from its recorded plan item (same
 * tree revision, persona, seed and copy index; tagged with the recorded job and index as the
 * stored case was), rebuilds the next snapshot's rows from the frozen input and the recorded
 * selection, and compares the content hash with the one the round froze.
 */
export async function replayRound({ db, roundId }: { db: Db; roundId: number }): Promise<ReplayReport> {
  const round = getRound({ db, id: roundId });
  if (round.status !== "closed" || !round.output) throw new DomainError("conflict", `Round ${round.number} is not closed yet: only a closed round is re-run from its records.`);
  const project = getProject({ db, id: round.projectId });
  const domains: ReplayReport["domains"] = [];
  for (const snap of round.output.snapshots) {
    const notes: string[] = [];
    const mined = round.results.mine?.[snap.domain];
    let isSameWeakNodes = true;
    if (mined) {
      const again = mineEval(db, round, snap.domain, mined.evalId, project.settings.growth);
      isSameWeakNodes = canonicalJson(again.weak) === canonicalJson(mined.failures.weak) && again.failures === mined.failures.failures;
    }
    const gen = round.results.generated?.[snap.domain];
    const idxOf = new Map((gen?.made ?? []).map((m) => [m.caseId, m.idx]));
    const data = new Map<number, Record<string, unknown>>();
    let identical = 0;
    for (const caseId of snap.addedIds) {
      const idx = idxOf.get(caseId);
      if (!gen || idx === undefined) throw new DomainError("internal", `Round ${round.number} added case ${caseId} to ${snap.domain} but records no plan item for it.`);
      const item = gen.plan[idx];
      const made = await generateCase({ db, input: itemInput(snap.domain, item, gen.seed, false), item: { branchId: item.branchId, personaId: item.personaId, k: item.k, revision: item.revision } });
      const regenerated = { ...made.testCase, generation: { jobId: gen.jobId, idx } } as unknown as Record<string, unknown>;
      data.set(caseId, regenerated);
      const stored = getCase({ db, id: caseId });
      if (canonicalJson(stored.data) === canonicalJson(regenerated)) identical++;
      else notes.push(`case ${caseId} (item ${idx}) regenerates differently${stored.generator.startsWith("llm") ? " (its words were written by the LLM; the deterministic case is compared)" : ""}`);
    }
    const { rows } = outputRows(db, round, snap.domain, snap.addedIds, data);
    const replayedHash = snapshotHashOf(rows);
    domains.push({ domain: snap.domain, recordedHash: snap.hash, replayedHash, isSameHash: replayedHash === snap.hash, isSameWeakNodes, regenerated: snap.addedIds.length, identical, notes });
  }
  return { round: round.number, domains };
}
