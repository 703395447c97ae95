import { listProblems } from "@/db/queries/problems";
import { freezeSnapshot, frozenRows, kindCounts, uncoveredBranchRows } from "@/db/queries/round-data";
import { listRounds, updateRound } from "@/db/queries/rounds";
import { createSnapshot } from "@/db/queries/snapshots";
import { countVerified, verifyAndStoreDomain } from "@/db/queries/verify";
import type { TestCase } from "@/lib/cases/schema";
import { generateAndStore } from "@/lib/reasoning/flywheel";
import type { StepContext, StepOutcome } from "../context";
import { branchKey } from "../growth";
import { startingPolicy } from "../policy";
import { problemSetRecord } from "../reasoning";
import type { ProblemSetRecord, RoundInputs, SnapshotRecord } from "../records";

/**
 * Freezes what the round trains and evaluates on. Round 1 snapshots each domain's verified cases
 * (verifying the trees first when there are none) with the project's seed and held-out share;
 * its validation split is the held-out set every later round keeps. Later rounds take the
 * previous round's output as it was frozen. Problems: the domain's verified ones, generated
 * when there are none yet (round 1), or the previous output's.
 */
export async function prepareStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const round = ctx.round();
  if (round.inputs) return { status: "done", note: "inputs already frozen" };
  const previous = listRounds({ db, projectId: project.id }).filter((r) => r.number < round.number).at(-1) ?? null;
  if (previous && (previous.status !== "closed" || !previous.output)) throw new Error(`Round ${previous.number} is not closed: close it before round ${round.number} starts.`);
  const { policy, model } = startingPolicy(project, previous?.output ?? null);
  const notes: string[] = [];
  let snapshots: SnapshotRecord[];
  let problems: ProblemSetRecord[];
  if (previous?.output) {
    snapshots = previous.output.snapshots.map(({ domain, snapshotId, hash, cases, train, validation, byKind }) => withNewBranches(ctx, { domain, snapshotId, hash, cases, train, validation, byKind }, notes));
    problems = previous.output.problems.map(({ domain, ids, hash, byKind }) => ({ domain, ids, hash, byKind }));
  } else {
    snapshots = project.domains.map((slug) => {
      if (countVerified({ db, slug }) === 0) {
        const summary = verifyAndStoreDomain({ db, slug, seed: project.settings.seed });
        notes.push(`${slug}: verified ${summary.verified} of ${summary.cases} cases first`);
      }
      const snap = createSnapshot({ db, domainSlug: slug, seed: project.settings.seed, validationRatio: project.settings.validationRatio, createdBy: `round ${round.number} of ${project.name}` });
      const trainRows = frozenRows({ db, snapshotId: snap.id }).filter((r) => r.split === "train");
      return { domain: slug, snapshotId: snap.id, hash: snap.hash, cases: snap.cases, train: snap.train, validation: snap.validation, byKind: kindCounts(trainRows) };
    });
    problems = await firstProblems(ctx, notes);
  }
  const inputs: RoundInputs = {
    snapshots, problems, policy, model, seed: round.seed,
    mix: { cases: snapshots.reduce((n, s) => n + s.train, 0), problems: problems.reduce((n, p) => n + p.ids.length, 0) },
  };
  updateRound({ db, id: round.id, patch: { inputs } });
  return { status: "done", note: [`${inputs.mix.cases} training cases, ${inputs.mix.problems} problems`, ...notes].join("; ") };
}

/**
 * The previous output, plus the verified cases on branches no round of the project has had yet
 * (branches curators added since, e.g. an accepted expander proposal at a weak node): they join as training cases,
 * in a new snapshot; without any, the previous output snapshot is the input as it is.
 */
function withNewBranches(ctx: StepContext, snap: SnapshotRecord, notes: string[]): SnapshotRecord {
  const rows = frozenRows({ db: ctx.db, snapshotId: snap.snapshotId });
  // every branch this project's rounds ever had (a branch the band dropped stays dropped)
  const earlier = listRounds({ db: ctx.db, projectId: ctx.project.id }).flatMap((r) => r.inputs?.snapshots.filter((s) => s.domain === snap.domain).map((s) => s.snapshotId) ?? []);
  const keyOf = (r: { data: Record<string, unknown> }) => branchKey((r.data as unknown as TestCase).branch.treeId, (r.data as unknown as TestCase).branch.branchId);
  const covered = new Set([...rows, ...earlier.flatMap((id) => frozenRows({ db: ctx.db, snapshotId: id }))].map(keyOf));
  const fresh = uncoveredBranchRows({ db: ctx.db, slug: snap.domain, covered });
  if (!fresh.length) return snap;
  const round = ctx.round();
  const frozen = freezeSnapshot({ db: ctx.db, domainSlug: snap.domain, rows: [...rows, ...fresh], seed: round.seed, approvedOnly: ctx.project.settings.reviewRequired, createdBy: `round ${round.number} of ${ctx.project.name}` });
  notes.push(`${snap.domain}: ${fresh.length} case(s) on ${new Set(fresh.map((r) => (r.data as unknown as TestCase).branch.branchId)).size} new branch(es) join`);
  return frozen;
}

/** Round 1's problems per domain: the verified ones, or freshly generated when the domain has none. */
async function firstProblems(ctx: StepContext, notes: string[]): Promise<ProblemSetRecord[]> {
  const settings = ctx.project.settings.reasoning;
  if (!settings.enabled) return [];
  const round = ctx.round();
  return ctx.project.domains.map((slug) => {
    const verified = () => listProblems({ db: ctx.db, filter: { domain: slug, verdict: "verified" }, limit: 100_000 }).rows.map((r) => r.problem);
    let list = verified();
    if (!list.length && settings.problems > 0) {
      const made = generateAndStore({ db: ctx.db, slug, count: settings.problems, seed: round.seed, round: round.number });
      notes.push(`${slug}: generated ${made.inserted} problems`);
      list = verified();
    }
    return problemSetRecord(slug, list);
  });
}
