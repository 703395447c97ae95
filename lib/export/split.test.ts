import { describe, expect, it } from "vitest";
import { shopCases } from "@/lib/sim/test-fixture";
import { planSplit, snapshotHash, splitItem, type SplitItem } from "./split";

/** 60 cases: 12 personas × 5 branches, laid out so personas and branches chain into several groups. */
function items(): SplitItem[] {
  const out: SplitItem[] = [];
  for (let p = 0; p < 12; p++)
    for (let b = 0; b < 5; b++) out.push({ id: `c${p}-${b}`, keys: [`branch:${Math.floor(p / 3)}-${b}`], softKeys: [`persona:${p}`] });
  return out;
}

describe("planSplit", () => {
  it("never puts one persona or one branch on both sides", () => {
    const list = items();
    const plan = planSplit(list, { seed: 7, validationRatio: 0.25 });
    const sideOf = new Map<string, Set<string>>();
    for (const item of list) for (const key of [...item.keys, ...item.softKeys!]) (sideOf.get(key) ?? sideOf.set(key, new Set()).get(key)!).add(plan.assignment.get(item.id)!);
    for (const [key, sides] of sideOf) expect(sides.size, key).toBe(1);
    // personas 0-2 share branches, so 4 groups of 15: the target 15 is one group
    expect(plan.groups).toBe(4);
    expect(plan.counts).toEqual({ train: 45, validation: 15 });
    expect(plan.validationRatio).toBe(0.25);
    expect(plan.relaxed).toBe(false);
  });

  it("keeps only branches apart when shared personas would leave validation empty", () => {
    // every branch shares the persona "p": one group of 20, validation would be empty
    const list = Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, keys: [`branch:${i % 10}`], softKeys: ["persona:p"] }));
    const plan = planSplit(list, { seed: 2, validationRatio: 0.2 });
    expect(plan.relaxed).toBe(true);
    expect(plan.counts).toEqual({ train: 16, validation: 4 });
    const sides = new Map<string, Set<string>>();
    for (const item of list) (sides.get(item.keys[0]) ?? sides.set(item.keys[0], new Set()).get(item.keys[0])!).add(plan.assignment.get(item.id)!);
    for (const [key, s] of sides) expect(s.size, key).toBe(1);
    // a ratio of 0 is asked for, not a failure to relax
    expect(planSplit(list, { seed: 2, validationRatio: 0 })).toMatchObject({ relaxed: false, counts: { validation: 0 } });
  });

  it("is deterministic for a seed whatever the input order, and the seed matters", () => {
    const list = items();
    const a = planSplit(list, { seed: 3, validationRatio: 0.5 });
    const b = planSplit([...list].reverse(), { seed: 3, validationRatio: 0.5 });
    expect([...b.assignment].sort()).toEqual([...a.assignment].sort());
    const picks = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => JSON.stringify([...planSplit(list, { seed, validationRatio: 0.5 }).assignment].sort())));
    expect(picks.size).toBeGreaterThan(1);
  });

  it("keeps ungrouped cases apart and reaches the ratio closely", () => {
    const list = Array.from({ length: 100 }, (_, i) => ({ id: `x${i}`, keys: [] }));
    const plan = planSplit(list, { seed: 1, validationRatio: 0.1 });
    expect(plan.groups).toBe(100);
    expect(plan.counts.validation).toBe(10);
  });

  it("rejects duplicate ids and bad ratios", () => {
    expect(() => planSplit([{ id: "a", keys: [] }, { id: "a", keys: [] }], { seed: 1, validationRatio: 0.1 })).toThrow(/appears twice/);
    expect(() => planSplit([], { seed: 1, validationRatio: 1.5 })).toThrow(/between 0 and 1/);
  });

  it("groups by folded persona text and by branch within its domain and tree", () => {
    const tc = { ...shopCases.execute, persona: "  A busy   Nurse " };
    const item = splitItem({ id: "r1", testCase: tc, domain: { slug: "shop" } as never });
    expect(item).toMatchObject({ keys: ["branch:shop/-/shop-execute"], softKeys: ["persona:a busy nurse"] });
    expect(splitItem({ id: "r2", testCase: shopCases.refuse, domain: { slug: "shop" } as never })).toMatchObject({ keys: ["branch:shop/-/shop-refuse"], softKeys: [] });
  });
});

describe("snapshotHash", () => {
  const cases = Object.values(shopCases);
  it("ignores case order and key order but not content or multiplicity", () => {
    const h = snapshotHash(cases);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(snapshotHash([...cases].reverse())).toBe(h);
    const reordered = Object.fromEntries(Object.entries(cases[0]).reverse()) as typeof cases[0];
    expect(snapshotHash([reordered, ...cases.slice(1)])).toBe(h);
    expect(snapshotHash([{ ...cases[0], task: "changed" }, ...cases.slice(1)])).not.toBe(h);
    expect(snapshotHash([...cases, cases[0]])).not.toBe(h);
  });
});
