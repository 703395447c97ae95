import type { Db } from "@/db/client";
import { getDomainBySlug, toSpec } from "@/db/queries/domains";
import { frozenRows, type FrozenRow } from "@/db/queries/round-data";
import { getRound, type RoundRow } from "@/db/queries/rounds";
import { getRevision } from "@/db/queries/trees";
import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import type { AgentDeps } from "@/lib/eval/agents";
import type { TreeDoc } from "@/lib/tree/schema";
import type { RoundInputs } from "./records";
import type { Project } from "./schema";

/** What a step may be given from outside (tests inject agent loaders; the studio its provider). */
export interface RoundDeps {
  agentDeps?: AgentDeps;
}

/** What a step runs with. Steps read the round fresh (`round()`) after their own writes. */
export interface StepContext {
  db: Db;
  project: Project;
  roundId: number;
  /** The step's durable job (new cases carry it as generation.jobId). */
  jobId: number;
  signal: AbortSignal;
  autoApprove: boolean;
  deps: RoundDeps;
  round(): RoundRow;
}

export type StepOutcome = { status: "done" | "skipped" | "waiting"; note?: string };
export type StepRunner = (ctx: StepContext) => Promise<StepOutcome>;

/** The round's frozen inputs; a step that needs them before `prepare` ran is a bug, said plainly. */
export function inputsOf(round: RoundRow): RoundInputs {
  if (!round.inputs) throw new DomainError("internal", `Round ${round.number} has no frozen inputs yet (its prepare step has not run).`);
  return round.inputs;
}

export const domainSpec = (db: Db, slug: string): DomainSpec => toSpec(getDomainBySlug({ db, slug }));

/** Tree revisions by (tree, revision): saved revisions never change, so one lookup per pair. */
export function revisionCache(db: Db): (treeId: number | null, revision: number | null) => TreeDoc | null {
  const docs = new Map<string, TreeDoc | null>();
  return (treeId, revision) => {
    if (treeId === null || revision === null) return null;
    const key = `${treeId}@${revision}`;
    if (!docs.has(key)) {
      try {
        docs.set(key, getRevision({ db, treeId, revision }).document);
      } catch {
        docs.set(key, null); // the tree was deleted: the case's branch cannot be replayed
      }
    }
    return docs.get(key)!;
  };
}

/** The input snapshot's rows of one domain, with each TestCase. */
export function inputRows(db: Db, round: RoundRow, domain: string): (FrozenRow & { testCase: TestCase })[] {
  const snap = inputsOf(round).snapshots.find((s) => s.domain === domain);
  if (!snap) throw new DomainError("internal", `Round ${round.number} has no input snapshot for ${domain}.`);
  return frozenRows({ db, snapshotId: snap.snapshotId }).map((r) => ({ ...r, testCase: r.data as unknown as TestCase }));
}

export const freshRound = (db: Db, id: number) => () => getRound({ db, id });
