import { describe, expect, it } from "vitest";
import type { Branch } from "@/lib/tree/schema";
import { planItems, selectBranches, spreadPick } from "./plan";

const branch = (id: string): Branch => ({ id, nodeIds: [id], outcome: "execute", leafId: id, guards: [], confirmations: [], labels: [id] });
const branches = ["a", "b", "c"].map(branch);
const library = ["p1", "p2", "p3", "p4", "p5"].map((id) => ({ id }));

describe("generation plan", () => {
  it("makes casesPerBranch items per branch, with distinct personas per branch while the sample lasts", () => {
    const items = planItems({ casesPerBranch: 2, personaSample: { count: 4, seed: 3 } }, branches, library, 7);
    expect(items.map((i) => `${i.branchId}${i.k}`)).toEqual(["a0", "a1", "b0", "b1", "c0", "c1"]);
    expect(items.every((i) => i.revision === 7)).toBe(true);
    expect(new Set(items.slice(0, 4).map((i) => i.personaId)).size).toBe(4);
    expect(new Set(items.map((i) => i.personaId)).size).toBeLessThanOrEqual(4);
    expect(planItems({ casesPerBranch: 2, personaSample: { count: 4, seed: 3 } }, branches, library, 7)).toEqual(items);
  });

  it("says why it cannot plan", () => {
    expect(() => planItems({ casesPerBranch: 1, personaSample: { count: 1, seed: 1 } }, [], library, 1)).toThrow(/no branches/);
    expect(() => planItems({ casesPerBranch: 1, personaSample: { count: 1, seed: 1 } }, branches, [], 1)).toThrow(/persona library is empty/);
    expect(() => planItems({ casesPerBranch: 100, personaSample: { count: 1, seed: 1 } }, Array.from({ length: 201 }, (_, i) => branch(`b${i}`)), library, 1)).toThrow(/at most 20000/);
  });

  it("selects branches in tree order and names unknown ids; previews spread over the plan", () => {
    expect(selectBranches(branches, ["c", "a"]).map((b) => b.id)).toEqual(["a", "c"]);
    expect(selectBranches(branches, "all")).toBe(branches);
    expect(() => selectBranches(branches, ["a", "zz"])).toThrow('no branch "zz"');
    expect(spreadPick([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 4, 7]);
    expect(spreadPick([1, 2], 3)).toEqual([1, 2]);
  });
});
