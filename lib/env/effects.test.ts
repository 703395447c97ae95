import { describe, expect, it } from "vitest";
import type { EffectStep, ToolSpec } from "@/lib/domain/schema";
import { runEffect } from "./effects";
import { cancelOrder, getOrder, listOrders, retailDomain, transferToHuman } from "./test-fixture";

const writeTool = (steps: EffectStep[], extra: Partial<Extract<ToolSpec["effect"], { kind: "write" }>> = {}): ToolSpec => ({
  name: "edit",
  description: "",
  parameters: { type: "object" },
  effect: { kind: "write", reads: [], preconditions: [], steps, ...extra },
});

describe("get", () => {
  it("returns the record projected to its fields", () => {
    const { db } = retailDomain();
    const run = runEffect(getOrder, { order_id: "o2" }, db);
    expect(run.result).toEqual({
      ok: true,
      output: { id: "o2", customer_id: "c1", status: "delivered", total: 30, payments: [{ method_id: "card_1", amount: 30 }] },
    });
    expect(run.db).toBe(db);
  });

  it("gives the spec's not-found text, or a default naming table and key", () => {
    const { db } = retailDomain();
    expect(runEffect(getOrder, { order_id: "o9" }, db).result).toEqual({ ok: false, error: "Order not found" });
    const bare: ToolSpec = { ...getOrder, effect: { kind: "get", table: "orders", key: "args.order_id" } };
    expect(runEffect(bare, { order_id: "o9" }, db).result).toEqual({ ok: false, error: "orders o9 not found" });
    // inherited keys are not records
    expect(runEffect(bare, { order_id: "constructor" }, db).result).toEqual({ ok: false, error: "orders constructor not found" });
  });
});

describe("filter", () => {
  it("keeps matching rows, projected, in key order, under `as`", () => {
    const { db } = retailDomain();
    db.orders = { o9: { ...db.orders.o1, id: "o9" }, ...db.orders }; // insertion order differs from key order
    expect(runEffect(listOrders, { customer_id: "c1" }, db).result).toEqual({
      ok: true,
      output: { orders: [{ id: "o1", status: "pending" }, { id: "o2", status: "delivered" }, { id: "o9", status: "pending" }] },
    });
  });

  it("defaults the list key to items; a row missing the field does not match", () => {
    const tool: ToolSpec = { ...listOrders, effect: { kind: "filter", table: "customers", where: "row.address.city == 'Paris'" } };
    const { db } = retailDomain();
    const run = runEffect(tool, {}, db);
    expect(run.result).toEqual({ ok: true, output: { items: [db.customers.c1] } });
  });

  it("calls a non-boolean where a spec error", () => {
    const tool: ToolSpec = { ...listOrders, effect: { kind: "filter", table: "orders", where: "row.total" } };
    const run = runEffect(tool, {}, retailDomain().db);
    expect(run.result).toEqual({ ok: false, error: "spec error in tool list_orders at effect.where: `row.total` gave 30, not a boolean" });
  });
});

describe("write: cancel_order", () => {
  it("sets the status and refunds each payment to its own method, without touching the input", () => {
    const { db } = retailDomain();
    const snapshot = structuredClone(db);
    const run = runEffect(cancelOrder, { order_id: "o1", reason: "no longer needed" }, db);
    expect(run.result).toEqual({ ok: true, output: { order_id: "o1", status: "cancelled" } });
    expect(db).toEqual(snapshot);
    expect(run.db.orders.o1).toMatchObject({ status: "cancelled", cancel_reason: "no longer needed" });
    expect(run.db.payment_methods.gc_1.balance).toBe(15.1);
    expect(run.db.payment_methods.card_1.refunds).toEqual([{ order_id: "o1", amount: 19.9 }]);
    // copy-on-write: untouched tables and records stay shared
    expect(run.db.customers).toBe(db.customers);
    expect(run.db.orders.o2).toBe(db.orders.o2);
  });

  it("refuses with the first failing precondition's text and changes nothing", () => {
    const { db } = retailDomain();
    const run = runEffect(cancelOrder, { order_id: "o2", reason: "no longer needed" }, db);
    expect(run.result).toEqual({ ok: false, error: "Only pending orders can be cancelled" });
    expect(run.db).toBe(db);
    const twoChecks: ToolSpec = {
      ...cancelOrder,
      effect: {
        kind: "write",
        reads: [{ name: "order", table: "orders", key: "args.order_id" }],
        preconditions: [
          { check: "rec.order.total < 100", error: "Too expensive" },
          { check: "rec.order.status == 'pending'", error: "Not pending" },
        ],
        steps: [],
      },
    };
    expect(runEffect(twoChecks, { order_id: "o3" }, db).result).toEqual({ ok: false, error: "Too expensive" });
    expect(runEffect(twoChecks, { order_id: "o2" }, db).result).toEqual({ ok: false, error: "Not pending" });
    expect(runEffect(twoChecks, { order_id: "o1" }, db).result).toEqual({ ok: true, output: { success: true } });
  });

  it("reports a missing read record with its not-found text", () => {
    const run = runEffect(cancelOrder, { order_id: "o9", reason: "no longer needed" }, retailDomain().db);
    expect(run.result).toEqual({ ok: false, error: "Order not found" });
  });
});

describe("write steps", () => {
  it("insert, delete, let and a dotted set", () => {
    const { db } = retailDomain();
    const tool = writeTool(
      [
        { op: "let", name: "price", value: "state.products['p1'].price * 2" },
        { op: "insert", table: "products", key: "'p2'", value: "{'id': 'p2', 'name': 'Big lamp', 'price': price}" },
        { op: "delete", table: "orders", key: "'o2'" },
        { op: "set", table: "customers", key: "'c1'", field: "address.city", value: "'Lyon'" },
        { op: "set", table: "customers", key: "'c2'", field: "address.city", value: "'Oslo'" },
      ],
      { returns: "{'price': price, 'orders': size(state.orders)}" },
    );
    const run = runEffect(tool, {}, db);
    expect(run.result).toEqual({ ok: true, output: { price: 60, orders: 2 } });
    expect(run.db.products.p2).toEqual({ id: "p2", name: "Big lamp", price: 60 });
    expect(run.db.orders.o2).toBeUndefined();
    expect(run.db.customers.c1.address).toEqual({ city: "Lyon", zip: "75001" });
    expect(run.db.customers.c2.address).toEqual({ city: "Oslo" });
    expect(db.orders.o2).toBeDefined();
  });

  it("append and remove on lists; increment from a missing field", () => {
    const tool = writeTool([
      { op: "append", table: "orders", key: "'o1'", field: "items", value: "'p7'" },
      { op: "remove", table: "orders", key: "'o1'", field: "items", value: "'p1'" },
      { op: "increment", table: "customers", key: "'c2'", field: "points", by: "3" },
    ]);
    const run = runEffect(tool, {}, retailDomain().db);
    expect(run.result.ok).toBe(true);
    expect(run.db.orders.o1.items).toEqual(["p7"]);
    expect(run.db.customers.c2.points).toBe(3);
  });

  it("stores sums without binary floating-point noise", () => {
    const tool = writeTool([
      { op: "set", table: "payment_methods", key: "'gc_1'", field: "balance", value: "0.1" },
      { op: "increment", table: "payment_methods", key: "'gc_1'", field: "balance", by: "0.2" },
      { op: "set", table: "payment_methods", key: "'gc_1'", field: "half", value: "0.7 - 0.4" },
    ]);
    expect(runEffect(tool, {}, retailDomain().db).db.payment_methods.gc_1).toMatchObject({ balance: 0.3, half: 0.3 });
  });

  it("lets later steps see earlier writes through state", () => {
    const tool = writeTool([
      { op: "increment", table: "payment_methods", key: "'gc_1'", field: "balance", by: "1" },
      { op: "set", table: "payment_methods", key: "'gc_1'", field: "doubled", value: "state.payment_methods['gc_1'].balance * 2" },
    ]);
    expect(runEffect(tool, {}, retailDomain().db).db.payment_methods.gc_1).toMatchObject({ balance: 6, doubled: 12 });
  });

  it("is atomic: a failure after earlier steps leaves the input database as it was", () => {
    const { db } = retailDomain();
    const tool = writeTool([
      { op: "set", table: "orders", key: "'o1'", field: "status", value: "'x'" },
      { op: "remove", table: "orders", key: "'o1'", field: "items", value: "'p9'" },
    ]);
    const run = runEffect(tool, {}, db);
    expect(run.result).toEqual({ ok: false, error: '"p9" is not in orders o1.items' });
    expect(run.db).toBe(db);
    expect(db.orders.o1.status).toBe("pending");
  });

  it("refuses inserting an existing key and touching a missing record", () => {
    const db = retailDomain().db;
    expect(runEffect(writeTool([{ op: "insert", table: "orders", key: "'o1'", value: "{}" }]), {}, db).result).toEqual({
      ok: false,
      error: "orders o1 already exists",
    });
    expect(runEffect(writeTool([{ op: "delete", table: "orders", key: "'o9'" }]), {}, db).result).toEqual({ ok: false, error: "orders o9 not found" });
    expect(runEffect(writeTool([{ op: "set", table: "orders", key: "'o9'", field: "a", value: "1" }]), {}, db).result).toEqual({
      ok: false,
      error: "orders o9 not found",
    });
  });

  it("names the tool and the step when the spec is wrong", () => {
    const db = retailDomain().db;
    const unknownTable = writeTool([{ op: "forEach", over: "[1]", as: "i", steps: [{ op: "delete", table: "ordres", key: "'o1'" }] }]);
    expect(runEffect(unknownTable, {}, db).result).toEqual({
      ok: false,
      error: "spec error in tool edit at steps[0] (forEach).steps[0] (delete): table 'ordres' is not in the database",
    });
    const badCel = writeTool([{ op: "if", cond: "true", steps: [], else: [] }, { op: "let", name: "x", value: "args.missing + 1" }]);
    expect(runEffect(badCel, {}, db).result).toEqual({
      ok: false,
      error: "spec error in tool edit at steps[1] (let): `args.missing + 1` does not evaluate: No such key: missing",
    });
    const notNumber = writeTool([{ op: "increment", table: "orders", key: "'o1'", field: "status", by: "1" }]);
    expect(runEffect(notNumber, {}, db).result).toEqual({
      ok: false,
      error: 'spec error in tool edit at steps[0] (increment): orders o1.status is "pending", not a number',
    });
    const badPre = writeTool([], { preconditions: [{ check: "1", error: "x" }] });
    expect(runEffect(badPre, {}, db).result).toEqual({ ok: false, error: "spec error in tool edit at preconditions[0]: `1` gave 1, not a boolean" });
  });

  it("takes the else branch and scopes forEach variables to the loop", () => {
    const tool = writeTool(
      [
        { op: "forEach", over: "['c1', 'c2']", as: "c", steps: [{ op: "if", cond: "c == 'c1'", steps: [{ op: "set", table: "customers", key: "c", field: "vip", value: "true" }], else: [{ op: "set", table: "customers", key: "c", field: "vip", value: "false" }] }] },
      ],
      { returns: "c" },
    );
    const run = runEffect(tool, {}, retailDomain().db);
    expect(run.result).toEqual({ ok: false, error: "spec error in tool edit at returns: `c` does not evaluate: Unknown variable: c" });
    const ok = runEffect({ ...tool, effect: { ...tool.effect, returns: undefined } as ToolSpec["effect"] }, {}, retailDomain().db);
    expect(ok.db.customers.c1.vip).toBe(true);
    expect(ok.db.customers.c2.vip).toBe(false);
  });
});

describe("transfer", () => {
  it("answers transferred and changes nothing", () => {
    const { db } = retailDomain();
    expect(runEffect(transferToHuman, { summary: "x" }, db)).toEqual({ result: { ok: true, output: { transferred: true } }, db });
  });
});
