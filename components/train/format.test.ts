import { describe, expect, it } from "vitest";
import { axisRange, duration, pct, tickDecimals } from "./format";

describe("format", () => {
  it("picks enough decimals to tell ticks apart", () => {
    expect(tickDecimals([1.372, 1.384])).toBe(3);
    expect(tickDecimals([14, 22])).toBe(0);
    expect(tickDecimals([0, 0.0014])).toBe(4);
    expect(tickDecimals([0.5, 0.5])).toBe(1);
    expect(tickDecimals([])).toBe(2);
  });

  it("formats percentages and durations", () => {
    expect(pct(0.456)).toBe("46%");
    expect(pct(null)).toBe("—");
    expect(duration("2026-01-01T00:00:00Z", "2026-01-01T00:03:12Z")).toBe("3m 12s");
    expect(duration(null, null)).toBe("—");
  });
});

describe("axisRange", () => {
  it("leaves varying values to recharts, widens flat noise to ±0.1 % and all zeros to 0–1", () => {
    expect(axisRange([1, 2, 3])).toEqual(["auto", "auto"]);
    expect(axisRange([0, 0])).toEqual([0, 1]);
    expect(axisRange([])).toEqual(["auto", "auto"]);
    const [lo, hi] = axisRange([11.916678, 11.916684]) as [number, number];
    expect(lo).toBeCloseTo(11.9048, 3);
    expect(hi).toBeCloseTo(11.9286, 3);
    expect(tickDecimals([lo, hi])).toBe(3);
  });
});
