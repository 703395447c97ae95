import type { RoundRow } from "@/db/queries/rounds";
import { ROUND_STEPS, type RoundStep, type StepState } from "./schema";

/** A round in figures: what `flywheel round next --json` prints and the timeline's headline. */
export interface RoundSummary {
  id: number;
  number: number;
  status: RoundRow["status"];
  step: RoundStep;
  error: string | null;
  steps: { step: RoundStep; status: StepState["status"]; note?: string; error?: string; jobId?: number }[];
  input: { cases: number; problems: number; policy: string | null; snapshots: { domain: string; snapshotId: number; hash: string; train: number; validation: number; byKind: Record<string, number> }[] };
  /** pass@1 on the held-out set, per domain, before and after training. */
  heldOut: { domain: string; before: number | null; after: number | null }[];
  failures: { domain: string; trials: number; failures: number; weak: { treeId: number | null; nodeId: string; label: string; failures: number; trials: number; rate: number }[] }[];
  generated: { domain: string; planned: number; made: number; failed: number; verified: number; kept: number; proposals: number }[];
  selection: { domain: string; existing: { candidates: number; kept: number; alwaysSolved: number; neverSolved: number }; added: { candidates: number; kept: number; alwaysSolved: number; neverSolved: number } }[];
  reasoning: { domain: string; note: string; passRate?: number; parents?: number; verified?: number }[];
  review: RoundRow["results"]["review"] | null;
  output: { domain: string; snapshotId: number; hash: string; train: number; added: number; addedByKind: Record<string, number>; dropped: number }[] | null;
  /** Problems the round's output adds to its input. */
  problemsAdded: number;
}

export function summarizeRound(round: RoundRow): RoundSummary {
  const r = round.results;
  const domains = round.inputs?.snapshots.map((s) => s.domain) ?? [];
  return {
    id: round.id, number: round.number, status: round.status, step: round.step, error: round.error,
    steps: ROUND_STEPS.map((step) => ({ step, status: round.steps[step]?.status ?? "pending", note: round.steps[step]?.note, error: round.steps[step]?.error, jobId: round.steps[step]?.jobId })),
    input: {
      cases: round.inputs?.mix.cases ?? 0, problems: round.inputs?.mix.problems ?? 0, policy: round.inputs?.policy ?? null,
      snapshots: (round.inputs?.snapshots ?? []).map(({ domain, snapshotId, hash, train, validation, byKind }) => ({ domain, snapshotId, hash, train, validation, byKind })),
    },
    heldOut: domains.map((domain) => ({ domain, before: r.evalBefore?.[domain]?.pass_at_1 ?? null, after: r.evalAfter?.[domain]?.pass_at_1 ?? null })),
    failures: Object.entries(r.mine ?? {}).map(([domain, m]) => ({
      domain, trials: m.failures.trials, failures: m.failures.failures,
      weak: m.failures.weak.map((w) => {
        const s = m.failures.nodes.find((n) => n.treeId === w.treeId && n.nodeId === w.nodeId)!;
        return { treeId: w.treeId, nodeId: w.nodeId, label: s.label, failures: s.failures, trials: s.trials, rate: s.rate };
      }),
    })),
    generated: Object.entries(r.generated ?? {}).map(([domain, g]) => {
      const made = new Set(g.caseIds);
      return {
        domain, planned: g.plan.length, made: g.caseIds.length, failed: g.failed.length,
        verified: r.verification?.[domain]?.verified.length ?? 0,
        kept: (r.selection?.[domain]?.keptIds ?? []).filter((id) => made.has(id)).length,
        proposals: g.proposals.filter((p) => p.jobId !== null).length,
      };
    }),
    selection: Object.entries(r.selection ?? {}).map(([domain, s]) => ({ domain, existing: s.existing, added: s.added })),
    reasoning: Object.entries(r.reasoning ?? {}).map(([domain, x]) => ({ domain, note: x.note, passRate: x.passRate, parents: x.parents, verified: x.verifiedIds?.length })),
    review: r.review ?? null,
    output: round.output?.snapshots.map(({ domain, snapshotId, hash, train, added, addedByKind, dropped }) => ({ domain, snapshotId, hash, train, added, addedByKind, dropped })) ?? null,
    problemsAdded: round.output?.problems.reduce((n, p) => n + p.added, 0) ?? 0,
  };
}
