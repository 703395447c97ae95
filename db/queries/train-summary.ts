import { and, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { trainEvents } from "../schema-train";
import { getSnapshot } from "./snapshots";
import { isDomainError } from "@/lib/errors";
import type { DatasetRef } from "@/lib/train/protocol";
import type { TrainRunRow } from "./train-runs";

/** How far a run has come, for the runs table: read from its events, not stored twice. */
export type RunProgress = {
  /** The last GRPO step with metrics (0 before the first). */
  steps: number;
  /** The best validation reward of its eval events, or null before the first evaluation. */
  bestValReward: number | null;
  checkpoints: number;
};

const EMPTY: RunProgress = { steps: 0, bestValReward: null, checkpoints: 0 };

/** Progress of several runs in one grouped query (the (run_id, type) index keeps sample rows out of it). */
export function runProgress({ db, runIds }: { db: Db; runIds: number[] }): Map<number, RunProgress> {
  const out = new Map<number, RunProgress>(runIds.map((id) => [id, { ...EMPTY }]));
  if (!runIds.length) return out;
  const rows = db
    .select({
      runId: trainEvents.runId,
      steps: sql<number | null>`max(case when ${trainEvents.type} = 'metrics' and json_extract(${trainEvents.data}, '$.phase') = 'grpo' then ${trainEvents.step} end)`,
      best: sql<number | null>`max(case when ${trainEvents.type} = 'eval' then json_extract(${trainEvents.data}, '$.reward') end)`,
      checkpoints: sql<number>`sum(case when ${trainEvents.type} = 'checkpoint' then 1 else 0 end)`,
    })
    .from(trainEvents)
    .where(and(inArray(trainEvents.runId, runIds), inArray(trainEvents.type, ["metrics", "eval", "checkpoint"])))
    .groupBy(trainEvents.runId)
    .all();
  for (const r of rows) out.set(r.runId, { steps: r.steps ?? 0, bestValReward: r.best ?? null, checkpoints: r.checkpoints ?? 0 });
  return out;
}

/** A dataset reference in words: "clinic-appointments (verified cases)" or the snapshot's name, with "+ n problems" when it has some. */
export function datasetLabel({ db, ref }: { db: Db; ref: DatasetRef }): string {
  const problems = ref.problems?.ids.length ? ` + ${ref.problems.ids.length} problems` : "";
  if (ref.kind === "domain") return `${ref.domainSlug} (verified cases)${problems}`;
  try {
    const snap = getSnapshot({ db, id: ref.snapshotId });
    return `${snap.name} (snapshot ${snap.id})${problems}`;
  } catch (e) {
    if (isDomainError(e) && e.code === "not_found") return `snapshot ${ref.snapshotId} (deleted)${problems}`;
    throw e;
  }
}

export type RunSummary = TrainRunRow & { progress: RunProgress; datasetLabel: string };

/** Runs with their progress and dataset label, as the panel lists them. */
export function summarizeRuns({ db, runs }: { db: Db; runs: TrainRunRow[] }): RunSummary[] {
  const progress = runProgress({ db, runIds: runs.map((r) => r.id) });
  return runs.map((r) => ({ ...r, progress: progress.get(r.id) ?? { ...EMPTY }, datasetLabel: datasetLabel({ db, ref: r.spec.dataset }) }));
}
