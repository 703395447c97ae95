import { describe, expect, it } from "vitest";
import { agreementStats, cohensKappa, fleissKappa } from "./agreement";

const repeat = (label: string, n: number) => Array.from({ length: n }, () => label);

describe("cohensKappa", () => {
  it("matches the textbook 2×2 example (p_o 0.7, p_e 0.5 → 0.4)", () => {
    // 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no
    const a = [...repeat("y", 20), ...repeat("y", 5), ...repeat("n", 10), ...repeat("n", 15)];
    const b = [...repeat("y", 20), ...repeat("n", 5), ...repeat("y", 10), ...repeat("n", 15)];
    expect(cohensKappa(a, b)).toBeCloseTo(0.4, 10);
  });

  it("is 1 for perfect agreement, negative for systematic disagreement, null when undefined", () => {
    expect(cohensKappa(["y", "n", "y"], ["y", "n", "y"])).toBe(1);
    expect(cohensKappa(["y", "n"], ["n", "y"])).toBe(-1);
    expect(cohensKappa(["y", "y"], ["y", "y"])).toBeNull();
    expect(cohensKappa([], [])).toBeNull();
  });
});

describe("fleissKappa", () => {
  it("matches the textbook example (10 subjects, 14 raters, 5 categories → 0.210)", () => {
    const rows = [
      [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
      [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
    ].map((r) => Object.fromEntries(r.map((x, j) => [`c${j}`, x])));
    const { percentAgreement, kappa } = fleissKappa(rows);
    expect(percentAgreement).toBeCloseTo(0.378, 3);
    expect(kappa).toBeCloseTo(0.21, 3);
  });

  it("leaves out items rated once and is null when all labels agree on one category", () => {
    expect(fleissKappa([{ approve: 1 }])).toEqual({ percentAgreement: null, kappa: null });
    expect(fleissKappa([{ approve: 2 }, { approve: 3 }])).toEqual({ percentAgreement: 1, kappa: null });
  });
});

describe("agreementStats", () => {
  it("counts items with two or more raters and gives Cohen's kappa per pair", () => {
    const ratings = [
      { item: "1", rater: "ann", label: "approve" }, { item: "1", rater: "bob", label: "approve" },
      { item: "2", rater: "ann", label: "reject" }, { item: "2", rater: "bob", label: "approve" },
      { item: "3", rater: "ann", label: "reject" }, { item: "3", rater: "bob", label: "reject" },
      { item: "4", rater: "ann", label: "approve" }, { item: "4", rater: "cy", label: "approve" },
      { item: "5", rater: "cy", label: "reject" },
    ];
    const stats = agreementStats(ratings);
    expect(stats.items).toBe(4);
    expect(stats.ratings).toBe(9);
    expect(stats.percentAgreement).toBeCloseTo(3 / 4, 10);
    const annBob = stats.pairs.find((p) => p.a === "ann" && p.b === "bob")!;
    expect(annBob.items).toBe(3);
    expect(annBob.agreement).toBeCloseTo(2 / 3, 10);
    // ann: a r r, bob: a a r → p_o 2/3, p_e = (1/3)(2/3) + (2/3)(1/3) = 4/9 → κ = (2/3 − 4/9)/(5/9) = 0.4
    expect(annBob.kappa).toBeCloseTo(0.4, 10);
    expect(stats.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(["ann-bob", "ann-cy"]);
    expect(stats.fleissKappa).not.toBeNull();
  });
});
