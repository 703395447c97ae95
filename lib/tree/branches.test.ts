import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { branchingFactors, countOutcomes, enumerateBranches, treeDepth } from "./branches";
import { fixtureTree } from "./fixtures";
import type { TreeDoc, TreeNode } from "./schema";

const n = (id: string, kind: TreeNode["kind"], children: string[] = [], guard?: string): TreeNode => ({
  id,
  kind,
  label: `L-${id}`,
  children,
  ...(guard ? { guard } : {}),
});
const docOf = (...nodes: TreeNode[]): TreeDoc => ({ version: 1, rootId: nodes[0].id, nodes: Object.fromEntries(nodes.map((x) => [x.id, x])) });

/** root ─┬─ a (tool_call) ─┬─ a1 (confirm) ─┬─ a1y (execute)
 *        │                 │                └─ a1n (abort)
 *        │                 └─ a2 (refuse)
 *        ├─ b (clarify)
 *        └─ c (decision) ─┬─ c1 (transfer)
 *                         └─ c2 (execute) */
const threeLevels = docOf(
  n("root", "decision", ["a", "b", "c"]),
  { ...n("a", "tool_call", ["a1", "a2"], "has(user.order_id)"), tool: "get_order" },
  n("a1", "confirm", ["a1y", "a1n"], 'outputs.get_order.status == "pending"'),
  n("a1y", "execute"),
  n("a1n", "abort"),
  n("a2", "refuse"),
  n("b", "clarify", [], "!has(user.order_id)"),
  n("c", "decision", ["c1", "c2"]),
  n("c1", "transfer", [], "user.angry"),
  n("c2", "execute"),
);

describe("enumerateBranches", () => {
  it("lists every root-to-leaf path in child order with guards, confirmations and labels", () => {
    const branches = enumerateBranches(threeLevels);
    expect(branches.map((b) => b.id)).toEqual(["root>a>a1>a1y", "root>a>a1>a1n", "root>a>a2", "root>b", "root>c>c1", "root>c>c2"]);
    expect(branches.map((b) => b.outcome)).toEqual(["execute", "abort", "refuse", "clarify", "transfer", "execute"]);
    expect(branches[0]).toEqual({
      id: "root>a>a1>a1y",
      nodeIds: ["root", "a", "a1", "a1y"],
      outcome: "execute",
      leafId: "a1y",
      guards: [
        { nodeId: "a", guard: "has(user.order_id)" },
        { nodeId: "a1", guard: 'outputs.get_order.status == "pending"' },
      ],
      confirmations: [{ nodeId: "a1", confirmed: true }],
      labels: ["L-root", "L-a", "L-a1", "L-a1y"],
    });
    expect(branches[1].confirmations).toEqual([{ nodeId: "a1", confirmed: false }]);
    expect(branches[2].confirmations).toEqual([]);
    expect(branches[4].guards).toEqual([{ nodeId: "c1", guard: "user.angry" }]);
  });

  it("counts outcomes with every kind present", () => {
    expect(countOutcomes(enumerateBranches(threeLevels))).toEqual({ execute: 2, clarify: 1, refuse: 1, transfer: 1, abort: 1 });
    expect(countOutcomes([])).toEqual({ execute: 0, clarify: 0, refuse: 0, transfer: 0, abort: 0 });
    expect(countOutcomes(enumerateBranches(fixtureTree))).toEqual({ execute: 1, clarify: 2, refuse: 2, transfer: 1, abort: 2 });
  });

  it("skips cycles, missing children and inner nodes without children", () => {
    const doc = docOf(n("root", "decision", ["loop", "ghost", "empty", "end"]), n("loop", "decision", ["root", "loop", "x"]), n("x", "execute"), n("empty", "tool_call"), n("end", "abort"));
    expect(enumerateBranches(doc).map((b) => b.id)).toEqual(["root>loop>x", "root>end"]);
    expect(enumerateBranches({ version: 1, rootId: "nope", nodes: {} })).toEqual([]);
  });

  it("stops with a limit error when shared subtrees multiply paths", () => {
    // 10 levels, each node listing the next one twice: 2^10 paths.
    const nodes = Array.from({ length: 10 }, (_, i) => n(`d${i}`, "decision", [`d${i + 1}`, `d${i + 1}`]));
    const doc = docOf(...nodes, n("d10", "execute"));
    expect(() => enumerateBranches(doc, 1000)).toThrow(DomainError);
    expect(() => enumerateBranches(doc, 1000)).toThrow(/more than 1000 branches/);
    expect(enumerateBranches(doc, 1024)).toHaveLength(1024);
  });
});

describe("tree shape", () => {
  it("measures depth as nodes on the longest path, cycle-safe", () => {
    expect(treeDepth(threeLevels)).toBe(4);
    expect(treeDepth(fixtureTree)).toBe(5);
    expect(treeDepth(docOf(n("root", "execute")))).toBe(1);
    expect(treeDepth({ version: 1, rootId: "nope", nodes: {} })).toBe(0);
    expect(treeDepth(docOf(n("root", "decision", ["a"]), n("a", "decision", ["root", "a"])))).toBe(2);
  });

  it("reports branching factors of reachable inner nodes", () => {
    expect(branchingFactors(fixtureTree)).toEqual({ perNode: { root: 2, lookup: 5, confirm: 2, cancel: 2 }, mean: 2.75, max: 5 });
    expect(branchingFactors(docOf(n("root", "execute")))).toEqual({ perNode: {}, mean: 0, max: 0 });
  });
});

describe("deep documents", () => {
  it("handles a 20,000-node chain with a cycle without overflowing the stack", () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => n(`n${i}`, i === 19_999 ? "execute" : "decision", i === 19_999 ? [] : [`n${i + 1}`]));
    nodes[19_998].children.push("n0");
    const doc = docOf(...nodes);
    expect(treeDepth(doc)).toBe(20_000);
    expect(enumerateBranches(doc)).toHaveLength(1);
    expect(branchingFactors(doc).max).toBe(2);
  });
});
