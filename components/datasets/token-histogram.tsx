import type { TokenBin } from "@/lib/export/token-stats";

const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * Vertical bars, one per equal-width bin, on a linear token axis, with the budget as a dashed
 * line where it falls (or a note when it lies beyond the largest row). Bars at or past the
 * budget are drawn in the warning color.
 */
export function TokenHistogram({ bins, budget, label }: { bins: TokenBin[]; budget: number; label: string }) {
  if (!bins.length) return <p className="muted">No rows.</p>;
  const start = bins[0].lo;
  const end = bins[bins.length - 1].hi;
  const tallest = Math.max(1, ...bins.map((b) => b.count));
  const at = (n: number) => (100 * (n - start)) / (end - start);
  const budgetAt = at(budget);
  return (
    <figure className="token-histogram" aria-label={label} data-testid="token-histogram">
      <div className="hist-plot">
        {bins.map((b) => (
          <div key={b.lo} className="hist-col" title={`${fmt(b.lo)}–${fmt(b.hi - 1)} tokens: ${b.count} row${b.count === 1 ? "" : "s"}`}>
            <span className={`hist-bar${b.lo >= budget ? " over" : ""}${b.count ? "" : " empty"}`} style={{ height: `${(100 * b.count) / tallest}%` }} />
          </div>
        ))}
        {budgetAt >= 0 && budgetAt <= 100 && (
          <div className={`hist-budget${budgetAt > 70 ? " flip" : ""}`} style={{ left: `${budgetAt}%` }} data-testid="token-budget-line">
            <span>budget {fmt(budget)}</span>
          </div>
        )}
      </div>
      <div className="hist-axis">
        <span>{fmt(start)}</span>
        <span>{fmt(Math.round((start + end) / 2))}</span>
        <span>{fmt(end)} tokens</span>
      </div>
      <figcaption className="muted">
        {label}; {bins.length} bins of {fmt(bins[0].hi - bins[0].lo)} tokens
        {budgetAt > 100 && <> · the budget of {fmt(budget)} lies beyond the longest row →</>}
        {budgetAt < 0 && <> · the budget of {fmt(budget)} is below the shortest row: every row is over it</>}
      </figcaption>
    </figure>
  );
}
