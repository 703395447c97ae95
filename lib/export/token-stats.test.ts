import { describe, expect, it } from "vitest";
import { percentile, summarizeTokens, tokenBins, tokenFigures } from "./token-stats";

const rows = (...tokens: number[]) => tokens.map((t, i) => ({ id: `r${i}`, tokens: t }));
const total = (bins: { count: number }[]) => bins.reduce((n, b) => n + b.count, 0);

describe("token statistics", () => {
  it("takes nearest-rank figures of an ascending list", () => {
    const sorted = Array.from({ length: 20 }, (_, i) => (i + 1) * 10);
    expect(tokenFigures(sorted)).toEqual({ min: 10, median: 100, p95: 190, max: 200 });
    expect(percentile([7], 95)).toBe(7);
  });

  it("bins counts into equal, round-width bins from the shortest row to the longest", () => {
    const bins = tokenBins([1210, 1380, 1500, 1500, 2950], 100_000);
    expect(bins[0].lo).toBe(1200);
    expect(bins.every((b) => b.hi - b.lo === 100)).toBe(true);
    expect(bins[bins.length - 1]).toEqual({ lo: 2900, hi: 3000, count: 1 });
    expect(bins.find((b) => b.lo === 1500)?.count).toBe(2);
    expect(total(bins)).toBe(5);
    expect(bins.length).toBeLessThanOrEqual(21);
  });

  it("widens the range to a budget up to twice the longest row, not to a far one", () => {
    expect(tokenBins([1000, 2000], 3500).at(-1)!.hi).toBeGreaterThan(3500);
    expect(tokenBins([1000, 2000], 14_096).at(-1)!.hi).toBeLessThanOrEqual(2100);
    const same = tokenBins([300, 300, 300], 4096);
    expect(same).toEqual([{ lo: 300, hi: 301, count: 3 }]);
    expect(tokenBins([], 10)).toEqual([]);
  });

  it("summarizes rows against a budget, longest over-budget rows first", () => {
    const s = summarizeTokens(rows(100, 900, 450, 1200, 901), 900)!;
    expect(s).toMatchObject({ rows: 5, budget: 900, min: 100, median: 900, p95: 1200, max: 1200 });
    expect(s.over).toEqual([{ id: "r3", tokens: 1200 }, { id: "r4", tokens: 901 }]);
    expect(total(s.bins)).toBe(5);
    expect(summarizeTokens([], 900)).toBeNull();
  });
});
