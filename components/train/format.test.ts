import { describe, expect, it } from "vitest";
import { duration, pct, tickDecimals } from "./format";

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
