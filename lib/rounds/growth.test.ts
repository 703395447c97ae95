import { describe, expect, it } from "vitest";
import { applyBand, passCounts } from "./band";
import type { FailureMap } from "./failure-map";
import { planGrowth, type GrowthContext } from "./growth";

const library = ["a", "b", "c", "d", "e"].map((id) => ({ id, persona: `Persona ${id.toUpperCase()}` }));
const stat = (nodeId: string, branchIds: string[]) => ({ treeId: 1, nodeId, label: nodeId, trials: 4, failures: 2, rate: 0.5, categories: {}, personas: {}, caseIds: [], branchIds });
const map: FailureMap = {
  trials: 8, failures: 4, personas: [], categories: {},
  nodes: [stat("refuse-1", ["r>refuse-1"]), stat("confirm", ["r>confirm>keep", "r>confirm>done"]), stat("held", ["r>held"])],
  weak: [{ treeId: 1, nodeId: "refuse-1" }, { treeId: 1, nodeId: "confirm" }, { treeId: 1, nodeId: "held" }],
};
const ctx = (over: Partial<GrowthContext> = {}): GrowthContext => ({
  existing: new Map([["1:r>refuse-1", ["Persona A", "persona b"]]]),
  library,
  trees: new Map([[1, { revision: 4, branchIds: new Set(["r>refuse-1", "r>confirm>keep"]) }]]),
  caseRevisions: new Map([["1:r>confirm>done", 2]]),
  heldOut: new Set(["1:r>held"]),
  ...over,
});

describe("planGrowth", () => {
  it("grows the weak nodes' branches in priority order, with personas the branch has not had, never on held-out branches", () => {
    const plan = planGrowth(map, ctx(), { casesPerBranch: 2, maxCases: 10 }, 11);
    expect(plan.items.map((i) => [i.branchId, i.revision, i.k, i.nodeId])).toEqual([
      ["r>refuse-1", 4, 0, "refuse-1"], ["r>refuse-1", 4, 1, "refuse-1"],
      ["r>confirm>done", 2, 0, "confirm"], ["r>confirm>done", 2, 1, "confirm"], // gone from the current tree: its case's revision
      ["r>confirm>keep", 4, 0, "confirm"], ["r>confirm>keep", 4, 1, "confirm"],
    ]);
    for (const item of plan.items.filter((i) => i.branchId === "r>refuse-1")) expect(["a", "b"]).not.toContain(item.personaId);
    expect(plan.skipped).toEqual([{ branchId: "r>held", reason: "held-out branch" }]);
    expect(planGrowth(map, ctx(), { casesPerBranch: 2, maxCases: 10 }, 11)).toEqual(plan);
    expect(planGrowth(map, ctx(), { casesPerBranch: 2, maxCases: 3 }, 11).items).toHaveLength(3);
    expect(planGrowth(map, ctx({ library: [] }), { casesPerBranch: 2, maxCases: 3 }, 11).skipped[0].reason).toMatch(/persona library is empty/);
  });
});

describe("applyBand", () => {
  it("keeps what lies in the band and counts what fell out on each side", () => {
    const rates = passCounts([
      { caseId: "1", passed: true }, { caseId: "1", passed: true },
      { caseId: "2", passed: true }, { caseId: "2", passed: false },
      { caseId: "3", passed: false }, { caseId: "3", passed: false },
    ]);
    expect(rates).toEqual({ 1: [2, 2], 2: [1, 2], 3: [0, 2] });
    expect(applyBand([1, 2, 3, 4], rates, { min: 0, max: 0.99 })).toEqual({ kept: [2, 3, 4], counts: { candidates: 4, kept: 3, alwaysSolved: 1, neverSolved: 0 } });
    expect(applyBand([1, 2, 3], rates, { min: 0.1, max: 0.9 }).counts).toEqual({ candidates: 3, kept: 1, alwaysSolved: 1, neverSolved: 1 });
  });
});
