import { describe, expect, it } from "vitest";
import { changedParts, jsonDiff } from "./audit";

describe("jsonDiff", () => {
  it("reports changed, added and removed values by path", () => {
    const before = { task: "a", proof: { verified: true, reasons: ["x"] }, keep: [1, 2], gone: 1 };
    const after = { task: "b", proof: { verified: false, reasons: ["x", "y"] }, keep: [1, 2], extra: { z: 1 } };
    expect(jsonDiff(before, after)).toEqual([
      { path: "extra", op: "added", after: { z: 1 } },
      { path: "gone", op: "removed", before: 1 },
      { path: "proof.reasons[1]", op: "added", after: "y" },
      { path: "proof.verified", op: "changed", before: true, after: false },
      { path: "task", op: "changed", before: "a", after: "b" },
    ]);
  });

  it("finds no change between equal values and compares mismatched types as leaves", () => {
    expect(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
    expect(jsonDiff({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: "a", op: "changed", before: [1], after: { 0: 1 } }]);
    expect(jsonDiff(1, 2)).toEqual([{ path: "(root)", op: "changed", before: 1, after: 2 }]);
  });
});

describe("changedParts", () => {
  it("keeps only the top-level keys that differ", () => {
    expect(changedParts({ task: "a", big: { x: 1 }, proof: { ok: 1 } }, { task: "b", big: { x: 1 }, proof: { ok: 2 } })).toEqual({
      before: { task: "a", proof: { ok: 1 } },
      after: { task: "b", proof: { ok: 2 } },
    });
  });
});
