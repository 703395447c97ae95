import { describe, expect, it } from "vitest";
import { CardStats, renderCard, tokenHistogram } from "./card";
import { shopRows } from "./test-fixture";

describe("dataset card", () => {
  const rows = shopRows().slice(0, 5); // one per outcome kind
  const stats = new CardStats();
  rows.forEach((row, i) => stats.add(row, i === 0 ? "validation" : "train", 100 * (i + 1)));
  stats.add({ ...rows[1], id: "again", testCase: { ...rows[1].testCase, proof: { verified: true, reasons: [], normal: { reachedLeaf: true, finalHash: "h", matchesExpected: true }, hack: null } } }, "train", 5000);

  it("counts outcomes, legality, verification, personas, branches and splits", () => {
    expect(stats.rows).toBe(6);
    expect(stats.bySplit).toEqual({ train: 5, validation: 1 });
    expect(Object.fromEntries(stats.byOutcome)).toEqual({ execute: 1, abort: 2, refuse: 1, clarify: 1, transfer: 1 });
    expect(stats.legal).toBe(1); // only the execute case has no hack path
    expect(stats.violating).toBe(5);
    expect(stats.verified).toBe(1);
    expect(stats.byPersona.size).toBe(5);
    expect(stats.byBranch.size).toBe(5);
  });

  it("renders the statistics as markdown with a token histogram", () => {
    const md = renderCard(stats, { title: "Shop set", format: "verl", files: ["train.parquet"], snapshotHash: "abc", tokenBudget: 1000, tokenScope: "prompt" });
    expect(md).toContain("# Shop set");
    expect(md).toContain("| validation | 1 | 16.7% |");
    expect(md).toContain("| abort | 2 | 33.3% |");
    expect(md).toContain("| legal (no hack path) | 1 | 16.7% |");
    expect(md).toContain("1 of 6 cases carry a passing execution proof (16.7%)");
    expect(md).toContain("5 distinct personas over 6 cases");
    expect(md).toContain("1 rows over the budget of 1000 tokens.");
    expect(md).toContain("min 100, median 300");
    expect(md).toMatch(/4096–8191 \| █+ 1/);
  });

  it("buckets token counts by powers of two", () => {
    expect(tokenHistogram([10, 70, 100, 130], 4)).toEqual(["         0–63 | ██ 1", "       64–127 | ████ 2", "      128–255 | ██ 1"]);
    expect(tokenHistogram([])).toEqual(["(token counts not computed)"]);
  });
});
