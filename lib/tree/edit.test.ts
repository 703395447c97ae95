import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import {
  addChild, changeKind, deleteSubtree, DEFAULT_LABELS, moveChild, parentOf, revealNode, search, subtreeIds,
  toggleCollapsed, treeOrder, updateNode,
} from "./edit";
import { TreeDoc } from "./schema";

/** root ─┬─ lookup (tool_call) ─┬─ shipped (refuse, guarded)
 *        │                     └─ ok (confirm) ─┬─ do (execute)
 *        │                                      └─ stop (abort)
 *        └─ ask (clarify) */
const doc = (): TreeDoc => ({
  version: 1,
  rootId: "root",
  nodes: {
    root: { id: "root", kind: "decision", label: "Cancel an order", children: ["lookup", "ask"] },
    lookup: { id: "lookup", kind: "tool_call", label: "Look up the order", tool: "get_order", args: { order_id: "user.order_id" }, guard: "has(user.order_id)", children: ["shipped", "ok"] },
    shipped: { id: "shipped", kind: "refuse", label: "Order already shipped", guard: 'outputs.get_order.status == "shipped"', reason: "policy", children: [] },
    ok: { id: "ok", kind: "confirm", label: "Confirm cancellation", children: ["do", "stop"] },
    do: { id: "do", kind: "execute", label: "Cancel it", children: [] },
    stop: { id: "stop", kind: "abort", label: "User declined", children: [] },
    ask: { id: "ask", kind: "clarify", label: "Ask for the order id", missing: ["order_id"], children: [] },
  },
});

const expectInvalid = (fn: () => unknown, text: RegExp) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid");
    expect((e as Error).message).toMatch(text);
    return;
  }
  throw new Error("expected a DomainError");
};

describe("addChild", () => {
  it("appends a node with a fresh id and the kind's default label", () => {
    const { doc: out, id } = addChild(doc(), "root", "refuse");
    expect(id).toBe("refuse_1");
    expect(out.nodes.root.children).toEqual(["lookup", "ask", "refuse_1"]);
    expect(out.nodes.refuse_1).toEqual({ id: "refuse_1", kind: "refuse", label: DEFAULT_LABELS.refuse, children: [] });
    const again = addChild(out, "root", "refuse");
    expect(again.id).toBe("refuse_2");
  });

  it("gives tool calls empty args and clarify nodes an empty missing list", () => {
    const a = addChild(doc(), "root", "tool_call");
    expect(a.doc.nodes[a.id]).toMatchObject({ kind: "tool_call", args: {} });
    const b = addChild(doc(), "root", "clarify");
    expect(b.doc.nodes[b.id]).toMatchObject({ missing: [] });
  });

  it("leaves the input untouched and keeps unchanged nodes by identity", () => {
    const before = doc();
    const { doc: out } = addChild(before, "lookup", "execute");
    expect(before.nodes.lookup.children).toEqual(["shipped", "ok"]);
    expect(out.nodes.ask).toBe(before.nodes.ask);
  });

  it("opens a collapsed parent so the child is visible", () => {
    const collapsed = toggleCollapsed(doc(), "lookup");
    const { doc: out } = addChild(collapsed, "lookup", "execute");
    expect(out.nodes.lookup.collapsed).toBeUndefined();
  });

  it("refuses children under leaves and a third child under confirm", () => {
    expectInvalid(() => addChild(doc(), "do", "execute"), /execute leaf/);
    expectInvalid(() => addChild(doc(), "ok", "execute"), /two children/);
    expectInvalid(() => addChild(doc(), "nope", "execute"), /"nope" does not exist/);
  });
});

describe("deleteSubtree", () => {
  it("removes the node, its descendants and the parent's reference", () => {
    const out = deleteSubtree(doc(), "lookup");
    expect(Object.keys(out.nodes).sort()).toEqual(["ask", "root"]);
    expect(out.nodes.root.children).toEqual(["ask"]);
  });

  it("refuses to delete the root", () => {
    expectInvalid(() => deleteSubtree(doc(), "root"), /root cannot be deleted/);
  });

  it("keeps ancestors a cycle loops back to, and children shared with another parent", () => {
    const d = doc();
    d.nodes.do = { ...d.nodes.do, kind: "decision", children: ["lookup"] };
    expect(subtreeIds(d, "lookup").sort()).toEqual(["do", "lookup", "ok", "shipped", "stop"]);
    const out = deleteSubtree(d, "ok");
    expect(Object.keys(out.nodes).sort()).toEqual(["ask", "lookup", "root", "shipped"]);
    expect(out.nodes.lookup.children).toEqual(["shipped"]);
    const shared = doc();
    shared.nodes.root = { ...shared.nodes.root, children: ["lookup", "ask", "do"] };
    expect(Object.keys(deleteSubtree(shared, "ok").nodes)).toContain("do");
  });
});

describe("moveChild", () => {
  it("swaps with the neighbour and is a no-op at the ends", () => {
    const d = doc();
    expect(moveChild(d, "ask", "up").nodes.root.children).toEqual(["ask", "lookup"]);
    expect(moveChild(d, "lookup", "down").nodes.root.children).toEqual(["ask", "lookup"]);
    expect(moveChild(d, "lookup", "up")).toBe(d);
    expect(moveChild(d, "ask", "down")).toBe(d);
    expect(moveChild(d, "root", "up")).toBe(d);
  });
});

describe("updateNode", () => {
  it("sets fields and removes ones patched to undefined or empty", () => {
    const out = updateNode(doc(), "shipped", { label: "Shipped", guard: "", reason: undefined });
    expect(out.nodes.shipped).toEqual({ id: "shipped", kind: "refuse", label: "Shipped", children: [] });
  });

  it("returns the same document when nothing changes", () => {
    const d = doc();
    expect(updateNode(d, "root", { label: "Cancel an order" })).toBe(d);
    expect(updateNode(d, "root", { guard: "" })).toBe(d);
  });
});

describe("changeKind", () => {
  it("clears fields the new kind does not use and swaps a default label", () => {
    const out = changeKind(doc(), "lookup", "decision");
    expect(out.nodes.lookup).toEqual({ id: "lookup", kind: "decision", label: "Look up the order", guard: "has(user.order_id)", children: ["shipped", "ok"] });
    const refuse = changeKind(doc(), "shipped", "clarify");
    expect(refuse.nodes.shipped).toMatchObject({ kind: "clarify", missing: [] });
    expect(refuse.nodes.shipped.reason).toBeUndefined();
    const { doc: added, id } = addChild(doc(), "root", "refuse");
    expect(changeKind(added, id, "transfer").nodes[id].label).toBe(DEFAULT_LABELS.transfer);
  });

  it("keeps reason across refuse/transfer/abort", () => {
    expect(changeKind(doc(), "shipped", "transfer").nodes.shipped.reason).toBe("policy");
  });

  it("refuses to turn a node with children into a leaf", () => {
    expectInvalid(() => changeKind(doc(), "lookup", "execute"), /delete or move this node's 2 children/);
    const d = addChild(doc(), "root", "execute").doc;
    expectInvalid(() => changeKind(d, "root", "confirm"), /at most two children/);
  });
});

describe("toggleCollapsed and revealNode", () => {
  it("toggles, ignores leaves, and reveals through collapsed ancestors", () => {
    const d = doc();
    const once = toggleCollapsed(d, "lookup");
    expect(once.nodes.lookup.collapsed).toBe(true);
    expect(toggleCollapsed(once, "lookup").nodes.lookup.collapsed).toBeUndefined();
    expect(toggleCollapsed(d, "do")).toBe(d);
    const both = toggleCollapsed(toggleCollapsed(d, "ok"), "lookup");
    const shown = revealNode(both, "do");
    expect(shown.nodes.ok.collapsed).toBeUndefined();
    expect(shown.nodes.lookup.collapsed).toBeUndefined();
    expect(revealNode(d, "do")).toBe(d);
  });
});

describe("search and order", () => {
  it("matches label, guard and tool case-insensitively in tree order", () => {
    const d = doc();
    expect(search(d, "ORDER")).toEqual(["root", "lookup", "shipped", "ask"]);
    expect(search(d, "get_order")).toEqual(["lookup", "shipped"]);
    expect(search(d, "shipped")).toEqual(["shipped"]);
    expect(search(d, "  ")).toEqual([]);
  });

  it("lists unreachable nodes after the tree and finds parents", () => {
    const d = doc();
    d.nodes.orphan = { id: "orphan", kind: "execute", label: "x", children: [] };
    expect(treeOrder(d)).toEqual(["root", "lookup", "shipped", "ok", "do", "stop", "ask", "orphan"]);
    expect(parentOf(d, "do")?.id).toBe("ok");
    expect(parentOf(d, "root")).toBeUndefined();
  });
});
