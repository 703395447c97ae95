import type { SelectionBand } from "./schema";

/** What a selection band did to a set of candidates. */
export interface BandCounts {
  candidates: number;
  kept: number;
  /** Pass rate above the band: the policy already solves them. */
  alwaysSolved: number;
  /** Pass rate below the band. */
  neverSolved: number;
}

export const EMPTY_COUNTS: BandCounts = { candidates: 0, kept: 0, alwaysSolved: 0, neverSolved: 0 };

/**
 * Keeps the candidates whose pass rate (successes / trials) lies within [min, max]. A candidate
 * without a measurement is kept: nothing says the policy solves it. Ids come back in the order given.
 */
export function applyBand(candidates: number[], rates: Record<string, [number, number]>, band: SelectionBand): { kept: number[]; counts: BandCounts } {
  const kept: number[] = [];
  const counts: BandCounts = { ...EMPTY_COUNTS, candidates: candidates.length };
  for (const id of candidates) {
    const [successes, trials] = rates[String(id)] ?? [0, 0];
    const rate = trials ? successes / trials : null;
    if (rate !== null && rate > band.max) counts.alwaysSolved++;
    else if (rate !== null && rate < band.min) counts.neverSolved++;
    else kept.push(id);
  }
  counts.kept = kept.length;
  return { kept, counts };
}

/** [successes, trials] per case id from per-trial outcomes. */
export function passCounts(trials: { caseId: string; passed: boolean }[]): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const t of trials) {
    const c = (out[t.caseId] ??= [0, 0]);
    c[1]++;
    if (t.passed) c[0]++;
  }
  return out;
}
