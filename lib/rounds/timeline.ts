import type { Db } from "@/db/client";
import { listProblems } from "@/db/queries/problems";
import { verifiedByKind } from "@/db/queries/round-data";
import { getProject, listRounds, openRound, type RoundRow } from "@/db/queries/rounds";
import type { FailureMap } from "./failure-map";
import { startingPolicy } from "./policy";
import type { GeneratedRecord } from "./records";
import type { Project } from "./schema";
import { summarizeRound, type RoundSummary } from "./summary";

/** What the next round will train on, shown before it starts. */
export interface NextRoundPreview {
  /** The round that would run (or is running) next. */
  number: number;
  /** "running": a round is open (its input is frozen); "from-output": the last closed round's output; "first": the domains' verified cases, frozen when it starts. */
  basis: "running" | "from-output" | "first";
  policy: string | null;
  domains: {
    domain: string;
    snapshotId: number | null;
    hash: string | null;
    train: number;
    validation: number | null;
    byKind: Record<string, number>;
    /** Cases the previous round added and dropped (from-output only). */
    added: number;
    addedByKind: Record<string, number>;
    dropped: number;
  }[];
  problems: { domain: string; count: number; added: number; note?: string }[];
  notes: string[];
}

/** A round on the timeline: its figures, plus the per-tree failure maps and generation records the page draws. */
export type TimelineRound = RoundSummary & {
  createdAt: string;
  closedAt: string | null;
  maps: Record<string, FailureMap>;
  proposals: Record<string, GeneratedRecord["proposals"]>;
  trainRuns: Record<string, number>;
  evals: { before: Record<string, EvalFigures | null>; after: Record<string, EvalFigures | null> };
  /** The problem policy's pass rate per answer kind, per domain. */
  problemKinds: Record<string, Record<string, { problems: number; rate: number }>>;
};
type EvalFigures = NonNullable<NonNullable<RoundRow["results"]["evalBefore"]>[string]>;

export function timelineRound(round: RoundRow): TimelineRound {
  const r = round.results;
  return {
    ...summarizeRound(round),
    createdAt: round.createdAt, closedAt: round.closedAt,
    maps: Object.fromEntries(Object.entries(r.mine ?? {}).map(([d, m]) => [d, m.failures])),
    proposals: Object.fromEntries(Object.entries(r.generated ?? {}).map(([d, g]) => [d, g.proposals])),
    trainRuns: r.train?.runIds ?? {},
    evals: { before: r.evalBefore ?? {}, after: r.evalAfter ?? {} },
    problemKinds: Object.fromEntries(Object.entries(r.reasoning ?? {}).map(([d, x]) => [d, x.byKind ?? {}])),
  };
}

/** The next round's data, exactly: the frozen output of the last closed round, or what round 1 would freeze. */
export async function nextRoundPreview(db: Db, project: Project): Promise<NextRoundPreview> {
  const rounds = listRounds({ db, projectId: project.id });
  const open = openRound({ db, projectId: project.id });
  if (open?.inputs) {
    return {
      number: open.number, basis: "running", policy: open.inputs.policy,
      domains: open.inputs.snapshots.map((s) => ({ ...s, added: 0, addedByKind: {}, dropped: 0 })),
      problems: open.inputs.problems.map((p) => ({ domain: p.domain, count: p.ids.length, added: 0 })), notes: [`round ${open.number} is under way`],
    };
  }
  const last = [...rounds].reverse().find((r) => r.status === "closed" && r.output);
  if (last?.output) {
    return {
      number: last.number + 1, basis: "from-output", policy: last.output.policy,
      domains: last.output.snapshots.map((s) => ({ domain: s.domain, snapshotId: s.snapshotId, hash: s.hash, train: s.train, validation: s.validation, byKind: s.byKind, added: s.added, addedByKind: s.addedByKind, dropped: s.dropped })),
      problems: last.output.problems.map((p) => ({ domain: p.domain, count: p.ids.length, added: p.added })),
      notes: last.output.snapshots.some((s) => !s.train) ? ["a domain has no training cases left: the policy solves all it was given"] : [],
    };
  }
  const notes: string[] = [];
  const domains = project.domains.map((domain) => {
    const byKind = verifiedByKind({ db, slug: domain });
    const total = Object.values(byKind).reduce((a, b) => a + b, 0);
    if (!total) notes.push(`${domain} has no verified cases yet: the round verifies its trees first`);
    return { domain, snapshotId: null, hash: null, train: Math.round(total * (1 - project.settings.validationRatio)), validation: null, byKind, added: 0, addedByKind: {}, dropped: 0 };
  });
  notes.push(`the domains' verified cases are frozen into a snapshot when the round starts; about ${Math.round(project.settings.validationRatio * 100)}% (whole branches and personas) become the held-out set every later round keeps`);
  const problems = !project.settings.reasoning.enabled ? [] : project.domains.map((domain) => {
    const count = listProblems({ db, filter: { domain, verdict: "verified" }, limit: 1 }).total;
    return { domain, count: count || project.settings.reasoning.problems, added: 0, note: count ? undefined : "generated when the round starts" };
  });
  return { number: 1, basis: "first", policy: startingPolicy(project, null).policy, domains, problems, notes };
}

export interface ProjectTimeline {
  project: Project;
  rounds: TimelineRound[];
  next: NextRoundPreview;
}

export async function projectTimeline(db: Db, projectId: number): Promise<ProjectTimeline> {
  const project = getProject({ db, id: projectId });
  return { project, rounds: listRounds({ db, projectId }).map(timelineRound), next: await nextRoundPreview(db, project) };
}
