import { describe, expect, it } from "vitest";
import { alignProposal, applyProposal, diffIds, diffTrees } from "./diff";
import type { TreeDoc, TreeNode } from "./schema";

const n = (id: string, kind: TreeNode["kind"], label: string, children: string[] = [], extra: Partial<TreeNode> = {}): TreeNode => ({ id, kind, label, children, ...extra });
const doc = (rootId: string, ...nodes: TreeNode[]): TreeDoc => ({ version: 1, rootId, nodes: Object.fromEntries(nodes.map((x) => [x.id, x])) });

// base: root → [ask (clarify), lookup (tool) → [done (execute)]]
const base = doc(
  "root",
  n("root", "decision", "What does the user need?", ["ask", "lookup"]),
  n("ask", "clarify", "Ask for the order id", [], { guard: "!has(user.order_id)", missing: ["order_id"] }),
  n("lookup", "tool_call", "Look up the order", ["done"], { tool: "get_order", args: { order_id: "user.order_id" } }),
  n("done", "execute", "Done"),
);

// proposal: the lookup gets a not-found branch and a confirm chain; "ask" is dropped; the
// root comes back under another id with the same label.
const proposal = doc(
  "r",
  n("r", "decision", "What does the user need?", ["lookup"]),
  n("lookup", "tool_call", "Look up the order", ["not-found", "confirm"], { tool: "get_order", args: { order_id: "user.order_id" }, saveAs: "order" }),
  n("not-found", "clarify", "No such order", [], { guard: "has(outputs.order.error)", missing: ["order_id"] }),
  n("confirm", "confirm", "Ask for a yes", ["done-2", "declines"]),
  n("done-2", "execute", "Done"),
  n("declines", "abort", "User declines", [], { reason: "declined" }),
);

describe("diffTrees", () => {
  it("matches new ids to base nodes by parent and label, and lists added, removed and changed nodes", () => {
    const d = diffTrees(base, proposal);
    expect(d.added).toEqual(["not-found", "confirm", "done-2", "declines"]);
    expect(d.removed).toEqual(["ask", "done"]);
    expect(d.changed).toEqual([
      { id: "root", fields: ["children"] },
      { id: "lookup", fields: ["saveAs", "children"] },
    ]);
  });

  it("finds nothing between a tree and itself, and aligning twice changes nothing", () => {
    expect(diffTrees(base, structuredClone(base))).toEqual({ added: [], removed: [], changed: [] });
    const once = alignProposal(base, proposal);
    expect(once.rootId).toBe("root");
    expect(alignProposal(base, once)).toBe(once);
  });

  it("matches a reworded child under the same parent, not a different one", () => {
    const reworded = structuredClone(base);
    reworded.nodes.root.children = ["ask-2", "lookup"];
    reworded.nodes["ask-2"] = { ...base.nodes.ask, id: "ask-2", label: "Ask for the order id again" };
    delete reworded.nodes.ask;
    expect(diffTrees(base, reworded).changed).toEqual([{ id: "ask", fields: ["label"] }]);
    reworded.nodes["ask-2"].label = "Transfer to a human";
    expect(diffTrees(base, reworded).added).toEqual(["ask-2"]);
  });

  it("ignores the collapsed view state and the order of argument keys", () => {
    const withArgs = structuredClone(base);
    withArgs.nodes.lookup.args = { order_id: "user.order_id", note: '"x"' };
    const other = structuredClone(withArgs);
    other.nodes.lookup.collapsed = true;
    other.nodes.lookup.args = { note: '"x"', order_id: "user.order_id" };
    expect(diffTrees(withArgs, other).changed).toEqual([]);
    other.nodes.lookup.args = { note: '"y"', order_id: "user.order_id" };
    expect(diffTrees(withArgs, other).changed).toEqual([{ id: "lookup", fields: ["args"] }]);
  });
});

describe("applyProposal", () => {
  it("accepts nothing: the base itself", () => {
    expect(applyProposal(base, proposal, [])).toBe(base);
    expect(applyProposal(base, proposal, ["not-a-listed-id"])).toBe(base);
  });

  it("accepts everything: the aligned proposal", () => {
    const all = applyProposal(base, proposal, "all");
    expect(all).toEqual(alignProposal(base, proposal));
    expect(applyProposal(base, proposal, diffIds(diffTrees(base, proposal)))).toEqual(all);
  });

  it("accepting a deep node brings its ancestors along, and leaves unaccepted siblings and removals out", () => {
    const out = applyProposal(base, proposal, ["declines"]);
    // confirm (its parent) and lookup (changed, grandparent) come along; not-found and done-2 do not.
    expect(out.nodes.confirm.children).toEqual(["declines"]);
    expect(out.nodes.lookup).toMatchObject({ saveAs: "order" });
    // "done" (its removal not accepted) keeps its place among the lookup's children.
    expect(out.nodes.lookup.children).toEqual(["done", "confirm"]);
    expect(out.nodes["not-found"]).toBeUndefined();
    expect(out.nodes["done-2"]).toBeUndefined();
    // The removal of "ask" was not accepted: it keeps its place under the root.
    expect(out.nodes.root.children).toEqual(["ask", "lookup"]);
    expect(out.nodes.done).toEqual(base.nodes.done);
  });

  it("accepting a removal deletes the node and drops it from its parent", () => {
    const out = applyProposal(base, proposal, ["ask"]);
    expect(out.nodes.ask).toBeUndefined();
    expect(out.nodes.root.children).toEqual(["lookup"]);
    expect(out.nodes.lookup).toBe(base.nodes.lookup);
  });

  it("moves a node the proposal moved when its new parent is accepted", () => {
    const moved = structuredClone(base);
    moved.nodes.root.children = ["lookup"];
    moved.nodes.lookup.children = ["ask", "done"];
    const out = applyProposal(base, moved, ["lookup"]);
    expect(out.nodes.lookup.children).toEqual(["ask", "done"]);
    expect(out.nodes.root.children).toEqual(["lookup"]);
  });
});
