import { overBudget } from "./tokens";

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

export type TokenFigures = { min: number; median: number; p95: number; max: number };

/** The card's summary figures of an ascending, non-empty list of counts. */
export function tokenFigures(sorted: readonly number[]): TokenFigures {
  return { min: sorted[0], median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
}

/** One histogram bar: counts in [lo, hi). */
export type TokenBin = { lo: number; hi: number; count: number };

/** The smallest of 1, 2, 2.5, 5 × 10^k that is at least `raw`: bin edges a reader can add up. */
function niceWidth(raw: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((w) => w >= raw && Number.isInteger(w)) ?? 10 * magnitude;
}

/**
 * Equal-width bins from the smallest count to the largest, about `target` of them, with empty
 * bins kept so the bars read as a distribution. A budget up to twice the largest count widens
 * the range so the budget line falls on the chart; a far larger one would squash the bars.
 */
export function tokenBins(sorted: readonly number[], budget: number, target = 20): TokenBin[] {
  if (!sorted.length) return [];
  const { min, max } = tokenFigures(sorted);
  const upper = budget > max && budget <= 2 * max ? budget : max;
  const width = niceWidth(Math.max(1, (upper - min) / target));
  const start = Math.floor(min / width) * width;
  const bins: TokenBin[] = [];
  for (let lo = start; lo <= upper; lo += width) bins.push({ lo, hi: lo + width, count: 0 });
  for (const n of sorted) bins[Math.floor((n - start) / width)].count++;
  return bins;
}

export type TokenSummary = TokenFigures & {
  rows: number;
  budget: number;
  bins: TokenBin[];
  /** Rows over the budget, longest first. */
  over: { id: string; tokens: number }[];
};

/** Figures, bins and the over-budget rows of per-row counts; null when there are no rows. */
export function summarizeTokens(counts: readonly { id: string; tokens: number }[], budget: number): TokenSummary | null {
  if (!counts.length) return null;
  const sorted = counts.map((c) => c.tokens).sort((a, b) => a - b);
  const over = overBudget(counts, budget).sort((a, b) => b.tokens - a.tokens || (a.id < b.id ? -1 : 1));
  return { rows: counts.length, budget, ...tokenFigures(sorted), bins: tokenBins(sorted, budget), over };
}
