import { describe, expect, it } from "vitest";
import type { TreeDoc, TreeNode } from "@/lib/tree/schema";
import { runTree } from "./interpreter";
import { hashState } from "./state";
import { retailDomain } from "./test-fixture";

const node = (id: string, kind: TreeNode["kind"], extra: Partial<TreeNode> = {}): TreeNode => ({ id, kind, label: id, children: [], ...extra });

/** Cancel an order: ask for the id, look it up, refuse / transfer / confirm, then cancel. */
const cancelTree: TreeDoc = {
  version: 1,
  rootId: "root",
  nodes: Object.fromEntries(
    [
      node("root", "decision", { children: ["ask_id", "lookup"] }),
      node("ask_id", "clarify", { guard: "!has(user.order_id)", missing: ["order_id"] }),
      node("lookup", "tool_call", {
        tool: "get_order",
        args: { order_id: "user.order_id" },
        saveAs: "order",
        children: ["not_found", "not_pending", "big", "confirm"],
      }),
      node("not_found", "refuse", { guard: "has(outputs.order.error)", reason: "No such order" }),
      node("not_pending", "refuse", { guard: "outputs.order.status != 'pending'", reason: "Only pending orders can be cancelled" }),
      node("big", "transfer", { guard: "outputs.order.total > 1000", label: "High-value order", reason: "Orders above 1000 need a human" }),
      node("confirm", "confirm", { label: "Cancel order o1?", children: ["do_cancel", "declined"] }),
      node("do_cancel", "tool_call", {
        tool: "cancel_order",
        args: { order_id: "user.order_id", reason: "user.reason" },
        children: ["done", "failed"],
      }),
      node("done", "execute", { guard: "outputs.cancel_order.status == 'cancelled'" }),
      node("failed", "abort"),
      node("declined", "abort", { reason: "User declined" }),
    ].map((n) => [n.id, n]),
  ),
};

const domain = retailDomain();
const seedHash = hashState(domain.db);

describe("runTree", () => {
  it("executes down the happy path with real tool calls", () => {
    const run = runTree(cancelTree, domain, { user: { order_id: "o1", reason: "no longer needed" } });
    expect(run.nodeIds).toEqual(["root", "lookup", "confirm", "do_cancel", "done"]);
    expect(run).toMatchObject({ leafId: "done", outcome: "execute", confirmations: [{ nodeId: "confirm", label: "Cancel order o1?", confirmed: true }] });
    expect(run.calls.map((c) => [c.nodeId, c.name, c.arguments, c.result.ok])).toEqual([
      ["lookup", "get_order", { order_id: "o1" }, true],
      ["do_cancel", "cancel_order", { order_id: "o1", reason: "no longer needed" }, true],
    ]);
    expect(run.finalDb.orders.o1.status).toBe("cancelled");
    expect(run.finalDb.payment_methods.gc_1.balance).toBe(15.1);
    expect(run.finalHash).toBe(hashState(run.finalDb));
    expect(run.finalHash).not.toBe(seedHash);
    expect(run.stuck).toBeUndefined();
  });

  it("clarifies when the user has not given a needed fact", () => {
    const run = runTree(cancelTree, domain, { user: {} });
    expect(run).toMatchObject({ nodeIds: ["root", "ask_id"], outcome: "clarify", clarifications: [{ nodeId: "ask_id", missing: ["order_id"] }], calls: [] });
    expect(run.finalHash).toBe(seedHash);
  });

  it("refuses on a guard over the tool output, and on a tool's error result", () => {
    const delivered = runTree(cancelTree, domain, { user: { order_id: "o2", reason: "no longer needed" } });
    expect(delivered).toMatchObject({ leafId: "not_pending", outcome: "refuse" });
    const missing = runTree(cancelTree, domain, { user: { order_id: "o9" } });
    expect(missing).toMatchObject({ leafId: "not_found", outcome: "refuse" });
    expect(missing.calls[0].result).toEqual({ ok: false, error: "Order not found" });
  });

  it("aborts with no change when the user declines the confirmation", () => {
    const run = runTree(cancelTree, domain, { user: { order_id: "o1", reason: "no longer needed" }, confirm: { confirm: false } });
    expect(run).toMatchObject({ leafId: "declined", outcome: "abort", confirmations: [{ nodeId: "confirm", confirmed: false }] });
    expect(run.calls.map((c) => c.name)).toEqual(["get_order"]);
    expect(run.finalHash).toBe(seedHash);
    expect(runTree(cancelTree, domain, { user: { order_id: "o1", reason: "no longer needed" }, confirm: false }).leafId).toBe("declined");
  });

  it("transfers through the domain's transfer tool, filling its required text with the reason", () => {
    const run = runTree(cancelTree, domain, { user: { order_id: "o3" } });
    expect(run).toMatchObject({ leafId: "big", outcome: "transfer" });
    expect(run.calls.at(-1)).toEqual({
      nodeId: "big",
      name: "transfer_to_human",
      arguments: { summary: "Orders above 1000 need a human" },
      result: { ok: true, output: { transferred: true } },
    });
    const noTransferTool = { ...domain, tools: domain.tools.filter((t) => t.effect.kind !== "transfer") };
    expect(runTree(cancelTree, noTransferTool, { user: { order_id: "o3" } }).calls.map((c) => c.name)).toEqual(["get_order"]);
  });

  it("starts from a given database", () => {
    const db = retailDomain().db;
    db.orders.o2.status = "pending";
    const run = runTree(cancelTree, domain, { db, user: { order_id: "o2", reason: "ordered by mistake" } });
    expect(run.outcome).toBe("execute");
    expect(run.finalDb.payment_methods.card_1.refunds).toEqual([{ order_id: "o2", amount: 30 }]);
    expect(db.orders.o2.status).toBe("pending");
  });

  it("gets stuck, naming the node, when a binding cannot be evaluated", () => {
    const run = runTree(cancelTree, domain, { user: { order_id: "o1" } });
    expect(run.stuck).toEqual({
      nodeId: "do_cancel",
      reason: "argument reason (`user.reason`) of cancel_order does not evaluate: No such key: reason",
    });
    expect(run.leafId).toBeUndefined();
    expect(run.nodeIds.at(-1)).toBe("do_cancel");
  });

  it("gets stuck when no child's guard holds, listing the guards tried", () => {
    const doc: TreeDoc = {
      version: 1,
      rootId: "r",
      nodes: {
        r: node("r", "decision", { children: ["a", "b"] }),
        a: node("a", "execute", { guard: "user.age > 18" }),
        b: node("b", "refuse", { guard: "user.age < 10" }),
      },
    };
    expect(runTree(doc, domain, { user: { age: 12 } }).stuck).toEqual({
      nodeId: "r",
      reason: "no child of r holds; guards tried: a: `user.age > 18`; b: `user.age < 10`",
    });
    expect(runTree(doc, domain, { user: { age: 30 } }).outcome).toBe("execute");
  });

  it("gets stuck instead of looping on a cyclic document, and on a dangling child", () => {
    const cyclic: TreeDoc = {
      version: 1,
      rootId: "a",
      nodes: { a: node("a", "decision", { children: ["b"] }), b: node("b", "decision", { children: ["a"] }) },
    };
    expect(runTree(cyclic, domain, { user: {} }).stuck).toEqual({ nodeId: "a", reason: "node a is reached again: the document has a cycle" });
    const dangling: TreeDoc = { version: 1, rootId: "a", nodes: { a: node("a", "decision", { children: ["ghost"] }) } };
    expect(runTree(dangling, domain, { user: {} }).stuck).toEqual({ nodeId: "ghost", reason: "node ghost does not exist" });
    const inherited: TreeDoc = { version: 1, rootId: "a", nodes: { a: node("a", "decision", { children: ["constructor"] }) } };
    expect(runTree(inherited, domain, { user: {} }).stuck?.reason).toBe("node constructor does not exist");
  });

  it("gets stuck on a tool the domain does not have and on a guard that does not parse", () => {
    const doc: TreeDoc = {
      version: 1,
      rootId: "t",
      nodes: { t: node("t", "tool_call", { tool: "refund", children: ["x"] }), x: node("x", "execute") },
    };
    expect(runTree(doc, domain, { user: {} }).stuck).toEqual({ nodeId: "t", reason: "tool refund is not a tool of this domain" });
    const badGuard: TreeDoc = {
      version: 1,
      rootId: "r",
      nodes: { r: node("r", "decision", { children: ["x"] }), x: node("x", "execute", { guard: "user.a ==" }) },
    };
    expect(runTree(badGuard, domain, { user: {} }).stuck).toMatchObject({ nodeId: "x", reason: expect.stringMatching(/^guard of x \(`user.a ==`\) does not parse/) });
  });
});
