import type { Db } from "../client";
import { getDomainBySlug, toSpec } from "./domains";
import { iterateCases } from "./cases";
import { problemsByIds } from "./problems";
import { getSnapshot, snapshotRows } from "./snapshots";
import { planSplit, problemSplit, splitItem, type ExportRow } from "@/lib/export";
import { DomainError } from "@/lib/errors";
import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import type { AnyEpisodeTask, EpisodeTask, ProblemTask } from "@/lib/rollout";
import type { DatasetRef, ProblemsRef } from "@/lib/train/protocol";

export interface TrainingData {
  /** "clinic v3 (snapshot 7)" or "clinic (verified cases)", with "+ n problems" when it has some. */
  label: string;
  domain: DomainSpec;
  train: AnyEpisodeTask[];
  validation: AnyEpisodeTask[];
}

/**
 * The cases a round trains and validates on. A snapshot brings its frozen split; a domain's
 * verified cases are split on the spot with the same grouped, seeded split a snapshot uses.
 * Problems named by the ref join after the cases (see withProblems).
 */
export function loadTrainingData({ db, ref, seed = 1 }: { db: Db; ref: DatasetRef; seed?: number }): TrainingData {
  const cases = loadCases(db, ref, seed);
  return ref.problems ? withProblems(db, cases, ref.problems) : cases;
}

function loadCases(db: Db, ref: DatasetRef, seed: number): TrainingData {
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

/**
 * The ref's problems beside the cases: verified and not rejected in review (a set recorded
 * earlier may hold one rejected since; the label counts what was left out), all of the
 * dataset's domain, each family (lineage root) on one side of the split.
 */
function withProblems(db: Db, data: TrainingData, ref: ProblemsRef): TrainingData {
  const stored = problemsByIds({ db, ids: ref.ids });
  const missing = ref.ids.length - stored.length;
  if (missing) throw new DomainError("not_found", `${missing} of the dataset's ${ref.ids.length} problems are not stored (first: ${ref.ids.find((id) => !stored.some((s) => s.problem.id === id))}).`);
  const foreign = stored.find((s) => s.problem.domain !== data.domain.slug);
  if (foreign) throw new DomainError("invalid", `Problem ${foreign.problem.id} is in domain ${foreign.problem.domain ?? "(free text)"}, but the dataset trains on ${data.domain.slug}.`);
  const usable = stored.filter((s) => s.problem.verdict === "verified" && s.status !== "rejected");
  const tasks = (split: "train" | "validation") =>
    usable.filter((s) => problemSplit(s.problem, ref.validationRatio) === split).map((s): ProblemTask => ({ id: s.problem.id, problem: s.problem, domain: data.domain }));
  const left = stored.length - usable.length;
  const label = `${data.label} + ${usable.length} problems${left ? ` (${left} unverified or rejected left out)` : ""}`;
  return { ...data, label, train: [...data.train, ...tasks("train")], validation: [...data.validation, ...tasks("validation")] };
}
