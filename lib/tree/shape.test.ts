import { describe, expect, it } from "vitest";
import { treeShape } from "./shape";
import type { TreeDoc } from "./schema";

const doc: TreeDoc = {
  version: 1,
  rootId: "r",
  nodes: {
    r: { id: "r", kind: "decision", label: "root", children: ["a", "c"] },
    a: { id: "a", kind: "confirm", label: "confirm", children: ["x", "y"] },
    x: { id: "x", kind: "execute", label: "do it", children: [] },
    y: { id: "y", kind: "abort", label: "stop", children: [] },
    c: { id: "c", kind: "clarify", label: "ask", children: [], missing: ["order_id"] },
  },
};

describe("treeShape", () => {
  it("counts branch depths and the fan-out of inner nodes across trees", () => {
    expect(treeShape([doc])).toEqual({ depth: [["2", 1], ["3", 2]], branching: [["2", 2]] });
    expect(treeShape([doc, doc]).depth).toEqual([["2", 2], ["3", 4]]);
    expect(treeShape([])).toEqual({ depth: [], branching: [] });
  });
});
