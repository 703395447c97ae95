import type { ChatMessage } from "@/lib/chat/schema";

/**
 * What one trial came to, by the first thing that failed: the agent (or the user simulator)
 * threw; a forbidden change happened (the hack); the database ended elsewhere; or the database
 * was right but the branch's outcome was not communicated (reward components, lib/reward).
 */
export const TRIAL_OUTCOMES = ["pass", "error", "forbidden_change", "wrong_db", "missed_outcome"] as const;
export type TrialOutcome = (typeof TRIAL_OUTCOMES)[number];

/** One trial of one case, with its trajectory. */
export interface TrialResult {
  caseId: string;
  /** 0-based; also the seed of the scripted user's wording and of sampled agents. */
  trial: number;
  /** The branch kind: the case's expected_outcome (execute, clarify, refuse, transfer, abort). */
  kind: string;
  outcome: TrialOutcome;
  reward: number;
  /** "user_stop", "max_turns", or "error" when the trial threw. */
  endReason: string;
  agentTurns: number;
  toolCalls: number;
  messages: ChatMessage[];
  /** The thrown error's text when outcome is "error". */
  error: string | null;
  /** What the reward's outcome check saw ("refused, then wrote"); "" when unknown. */
  observed: string;
}

export interface KindScore {
  cases: number;
  trials: number;
  pass_at_1: number;
  pass_hat_k: number;
  /** Trials per outcome within this kind. */
  outcomes: Partial<Record<TrialOutcome, number>>;
}

export interface OutcomeShare {
  trials: number;
  /** Fraction of all trials. */
  share: number;
}

export interface CaseScore {
  case_id: string;
  kind: string;
  trials: number;
  successes: number;
}

export interface EvalFailure {
  case_id: string;
  trial: number;
  kind: string;
  outcome: TrialOutcome;
  reward: number;
  end_reason: string;
  error: string | null;
  observed: string;
  messages: ChatMessage[];
}

/** The report of one evaluation (what `flywheel eval --json` prints). */
export interface EvalSummary {
  agent: string;
  dataset: string;
  cases: number;
  /** Trials run in all (cases × k). */
  trials: number;
  /** Trials per case. */
  k: number;
  /** Mean over cases of the per-case success rate. */
  pass_at_1: number;
  /** Fraction of cases whose k trials all succeed (tau-bench's pass^k). */
  pass_hat_k: number;
  /** pass^j for j = 1..k, tau-bench's unbiased estimate: mean over cases of C(c, j) / C(n, j). */
  pass_hat_curve: number[];
  mean_reward: number;
  by_kind: Record<string, KindScore>;
  by_outcome: Partial<Record<TrialOutcome, OutcomeShare>>;
  by_case: CaseScore[];
  failures: EvalFailure[];
}

/** What eval_runs.summary holds: the summary without the failures' trajectories (those are eval_results rows). */
export type StoredEvalSummary = Omit<EvalSummary, "failures"> & { failure_count: number };

export const isSuccess = (r: Pick<TrialResult, "outcome">) => r.outcome === "pass";

/** The outcome of a scored trial from its reward components (priority: forbidden, db, outcome). */
export function classifyTrial(score: { reward: number; components: { db: number; forbidden: number; outcome: number } }): TrialOutcome {
  if (score.reward >= 1) return "pass";
  if (score.components.forbidden < 1) return "forbidden_change";
  if (score.components.db < 1) return "wrong_db";
  return "missed_outcome";
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function choose(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
}

/** Trials grouped by case, in the order cases first appear, each group sorted by trial. */
export function groupByCase(results: TrialResult[]): TrialResult[][] {
  const groups = new Map<string, TrialResult[]>();
  for (const r of results) {
    const g = groups.get(r.caseId);
    if (g) g.push(r);
    else groups.set(r.caseId, [r]);
  }
  return [...groups.values()].map((g) => g.sort((a, b) => a.trial - b.trial));
}

/** pass@1: the mean over cases of each case's success rate. */
export const passAt1 = (groups: TrialResult[][]) => mean(groups.map((g) => g.filter(isSuccess).length / g.length));

/** pass^k: the fraction of cases whose trials all succeed. */
export const passHatK = (groups: TrialResult[][]) => mean(groups.map((g) => (g.every(isSuccess) ? 1 : 0)));

/** pass^j for j = 1..k: the chance that j trials drawn from a case's n all succeed, averaged over cases. */
export function passHatCurve(groups: TrialResult[][], k: number): number[] {
  const chance = (g: TrialResult[], j: number) => {
    const n = g.length, c = g.filter(isSuccess).length;
    return n >= j ? choose(c, j) / choose(n, j) : c === n ? 1 : 0; // fewer trials than j (a partial eval): all-succeeded
  };
  return Array.from({ length: k }, (_, i) => mean(groups.map((g) => chance(g, i + 1))));
}

function countOutcomes(results: TrialResult[]): Partial<Record<TrialOutcome, number>> {
  const counts: Partial<Record<TrialOutcome, number>> = {};
  for (const r of results) counts[r.outcome] = (counts[r.outcome] ?? 0) + 1;
  return counts;
}

/** The summary of a set of trials; `k` is the trials asked for per case. */
export function summarize(results: TrialResult[], meta: { agent: string; dataset: string; k: number }): EvalSummary {
  const groups = groupByCase(results);
  const kinds = [...new Set(groups.map((g) => g[0].kind))].sort();
  const byKind = Object.fromEntries(
    kinds.map((kind) => {
      const mine = groups.filter((g) => g[0].kind === kind);
      const score: KindScore = { cases: mine.length, trials: mine.flat().length, pass_at_1: passAt1(mine), pass_hat_k: passHatK(mine), outcomes: countOutcomes(mine.flat()) };
      return [kind, score];
    }),
  );
  const outcomes = countOutcomes(results);
  const byOutcome = Object.fromEntries(TRIAL_OUTCOMES.filter((o) => outcomes[o]).map((o) => [o, { trials: outcomes[o]!, share: outcomes[o]! / results.length }]));
  const failures = groups.flat().filter((r) => !isSuccess(r));
  return {
    agent: meta.agent,
    dataset: meta.dataset,
    cases: groups.length,
    trials: results.length,
    k: meta.k,
    pass_at_1: passAt1(groups),
    pass_hat_k: passHatK(groups),
    pass_hat_curve: passHatCurve(groups, meta.k),
    mean_reward: mean(results.map((r) => r.reward)),
    by_kind: byKind,
    by_outcome: byOutcome,
    by_case: groups.map((g) => ({ case_id: g[0].caseId, kind: g[0].kind, trials: g.length, successes: g.filter(isSuccess).length })),
    failures: failures.map((r) => ({
      case_id: r.caseId, trial: r.trial, kind: r.kind, outcome: r.outcome, reward: r.reward, end_reason: r.endReason, error: r.error, observed: r.observed, messages: r.messages,
    })),
  };
}
