import type { Db } from "../client";
import { getDomainBySlug, toSpec } from "./domains";
import { iterateCases } from "./cases";
import { getSnapshot, snapshotRows } from "./snapshots";
import { planSplit, splitItem, type ExportRow } from "@/lib/export";
import { DomainError } from "@/lib/errors";
import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import type { EpisodeTask } from "@/lib/rollout";
import type { DatasetRef } from "@/lib/train/protocol";

export interface TrainingData {
  /** "clinic v3 (snapshot 7)" or "clinic (verified cases)". */
  label: string;
  domain: DomainSpec;
  train: EpisodeTask[];
  validation: EpisodeTask[];
}

/**
 * The cases a round trains and validates on. A snapshot brings its frozen split; a domain's
 * verified cases are split on the spot with the same grouped, seeded split a snapshot uses.
 */
export function loadTrainingData({ db, ref, seed = 1 }: { db: Db; ref: DatasetRef; seed?: number }): TrainingData {
  if (ref.kind === "snapshot") {
    const snap = getSnapshot({ db, id: ref.snapshotId });
    const rows = [...snapshotRows({ db, id: ref.snapshotId })];
    return { label: `${snap.name} (snapshot ${snap.id})`, domain: rows[0]?.domain ?? toSpec(getDomainBySlug({ db, slug: snap.domainSlug })), ...bySplit(rows) };
  }
  const domainRow = getDomainBySlug({ db, slug: ref.domainSlug });
  const domain = toSpec(domainRow);
  const rows: ExportRow[] = [...iterateCases({ db, filter: { domainId: domainRow.id, status: "verified" } })].map((r) => ({
    id: String(r.id),
    testCase: r.data as unknown as TestCase,
    domain,
  }));
  if (!rows.length) throw new DomainError("invalid", `Domain "${ref.domainSlug}" has no verified cases: verify its trees first (flywheel verify ${ref.domainSlug}).`);
  const plan = planSplit(rows.map(splitItem), { seed, validationRatio: ref.validationRatio });
  const label = `${domain.name} (verified cases${plan.relaxed ? ", split by branch" : ""})`;
  return { label, domain, ...bySplit(rows.map((r) => ({ ...r, split: plan.assignment.get(r.id) ?? "train" }))) };
}

function bySplit(rows: ExportRow[]): { train: EpisodeTask[]; validation: EpisodeTask[] } {
  const task = (r: ExportRow): EpisodeTask => ({ id: r.id, testCase: r.testCase, domain: r.domain });
  return { train: rows.filter((r) => r.split !== "validation").map(task), validation: rows.filter((r) => r.split === "validation").map(task) };
}
