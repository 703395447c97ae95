import { describe, expect, it } from "vitest";
import type { ToolSpec } from "@/lib/domain/schema";
import { Environment } from "./environment";
import { hashState } from "./state";
import { getOrder, retailDomain } from "./test-fixture";

const cancel = (order_id: string, reason = "no longer needed") => ({ name: "cancel_order", arguments: { order_id, reason } });

describe("Environment.step", () => {
  it("answers an unknown tool with an error result listing the tools", () => {
    const env = new Environment(retailDomain());
    expect(env.step({ name: "refund", arguments: {} })).toEqual({
      ok: false,
      error: "unknown tool refund; available: get_order, list_orders, cancel_order, transfer_to_human",
    });
  });

  it("checks arguments against the parameters schema, listing every problem", () => {
    const env = new Environment(retailDomain());
    expect(env.step({ name: "cancel_order", arguments: { order_id: 7, reason: "bored", coupon: "X" } })).toEqual({
      ok: false,
      error: 'invalid arguments for cancel_order: coupon: is not an allowed property; order_id: must be string; reason: must be one of "no longer needed", "ordered by mistake"',
    });
    expect(env.step({ name: "get_order", arguments: {} })).toEqual({ ok: false, error: "invalid arguments for get_order: order_id: is required" });
    expect(env.step({ name: "get_order", arguments: [] as never })).toEqual({ ok: false, error: "arguments of get_order must be an object" });
    expect(env.hash()).toBe(hashState(retailDomain().db));
  });

  it("turns an output that breaks the outputs schema into a spec error and keeps no change", () => {
    const wrong: ToolSpec = { ...getOrder, outputs: { type: "object", properties: { total: { type: "string" } } } };
    const domain = retailDomain();
    const env = new Environment({ ...domain, tools: [wrong] });
    expect(env.step({ name: "get_order", arguments: { order_id: "o1" } })).toEqual({
      ok: false,
      error: "spec error in tool get_order: output does not match its outputs schema: total: must be string",
    });
    const writer: ToolSpec = {
      name: "touch",
      description: "",
      parameters: { type: "object" },
      outputs: { type: "object", required: ["done"] },
      effect: { kind: "write", reads: [], preconditions: [], steps: [{ op: "set", table: "orders", key: "'o1'", field: "status", value: "'x'" }] },
    };
    const env2 = new Environment({ ...domain, tools: [writer] });
    expect(env2.step({ name: "touch", arguments: {} }).ok).toBe(false);
    expect(env2.state().orders.o1.status).toBe("pending");
  });

  it("commits a successful write: state, hash and diff move; the log records the call", () => {
    const env = new Environment(retailDomain());
    const start = env.hash();
    expect(env.step(cancel("o1"))).toEqual({ ok: true, output: { order_id: "o1", status: "cancelled" } });
    expect(env.hash()).not.toBe(start);
    expect(env.state().orders.o1.status).toBe("cancelled");
    expect(env.diff().map((c) => `${c.table}.${c.key}.${c.field}`)).toEqual([
      "orders.o1.cancel_reason",
      "orders.o1.status",
      "payment_methods.card_1.refunds",
      "payment_methods.gc_1.balance",
    ]);
    expect(env.step(cancel("o1"))).toEqual({ ok: false, error: "Only pending orders can be cancelled" });
    expect(env.log().map((c) => [c.name, c.result.ok])).toEqual([
      ["cancel_order", true],
      ["cancel_order", false],
    ]);
  });

  it("hands out a frozen state, so callers cannot change it behind its back", () => {
    const env = new Environment(retailDomain());
    env.step(cancel("o1"));
    expect(() => {
      (env.state().orders.o1 as Record<string, unknown>).status = "pending";
    }).toThrow(TypeError);
    expect(Object.isFrozen(env.state().payment_methods.card_1.refunds)).toBe(true);
  });

  it("does not keep a reference to the caller's database or arguments", () => {
    const domain = retailDomain();
    const env = new Environment(domain);
    domain.db.orders.o1.status = "delivered";
    const args = { order_id: "o1", reason: "no longer needed" };
    env.step({ name: "cancel_order", arguments: args });
    args.order_id = "o2";
    expect(env.state().orders.o1.status).toBe("cancelled");
    expect(env.log()[0].arguments).toEqual({ order_id: "o1", reason: "no longer needed" });
  });
});

describe("Environment.reset and determinism", () => {
  it("reset returns to the seed, or starts on a given database, and clears the log", () => {
    const env = new Environment(retailDomain());
    const seedHash = env.hash();
    env.step(cancel("o1"));
    env.reset();
    expect(env.hash()).toBe(seedHash);
    expect(env.log()).toEqual([]);
    const custom = retailDomain().db;
    custom.orders.o2.status = "pending";
    env.reset(custom);
    expect(env.step(cancel("o2")).ok).toBe(true);
    expect(env.diff()).toContainEqual({ table: "orders", key: "o2", op: "update", field: "status", before: "pending", after: "cancelled" });
  });

  it("gives the same results and hashes for the same calls", () => {
    const calls = [cancel("o1"), { name: "list_orders", arguments: { customer_id: "c1" } }, cancel("o3", "ordered by mistake"), cancel("o2")];
    const runOnce = () => {
      const env = new Environment(retailDomain());
      return calls.map((c) => [env.step(c), env.hash()]);
    };
    expect(runOnce()).toEqual(runOnce());
  });

  it("refuses a domain that declares a tool twice", () => {
    const domain = retailDomain();
    expect(() => new Environment({ ...domain, tools: [getOrder, getOrder] })).toThrow(/declared twice/);
  });
});
