import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { retailDomain } from "@/lib/domain/examples/retail";
import { runProgram } from "../program";
import { evaluateQuery } from "./evaluate";
import type { Query } from "./schema";

const avaOrders: Query = {
  anchor: { table: "customers", key: "cust_ava_moreno" },
  steps: [{ op: "children", table: "orders", fk: "customer_id" }, { op: "derive", name: "total", fn: "sum_of", of: "items", field: "price" }],
  result: { op: "argmax", field: "total", pick: "order_id" },
};

describe("evaluateQuery", () => {
  it("walks relations, derives values and aggregates, recording every field it reads", () => {
    const out = evaluateQuery(avaOrders, retailDomain.db);
    if (!out.ok) throw new Error(out.reason);
    expect(out.answer).toEqual({ kind: "exact", value: "#W2002", tolerance: undefined });
    expect([...out.trace.reads.get("orders/#W2001")!].sort()).toEqual(["customer_id", "items"]);
    expect(out.contributing).toEqual(new Set(["orders/#W2001", "orders/#W2002"]));
  });

  it("answers counts, windows, sets, top-k lists and days between dates", () => {
    const run = (q: Omit<Query, "anchor">, anchor = { table: "customers", key: "cust_zoe_dubois" }) => {
      const out = evaluateQuery({ anchor, ...q }, retailDomain.db);
      return out.ok ? out.answer.value : out.reason;
    };
    const orders = { op: "children", table: "orders", fk: "customer_id" } as const;
    expect(run({ steps: [orders, { op: "window", field: "placed_on", from: "2025-06-01", to: "2025-06-30" }], result: { op: "count" } })).toBe(2);
    expect(run({ steps: [orders], result: { op: "distinct", field: "status" } })).toEqual(["delivered", "pending", "processed"]);
    expect(run({ steps: [orders, { op: "unnest", field: "items" }], result: { op: "top_k", field: "price", k: 2, pick: "item_id", order: "desc" } })).toEqual(["HP-WHT", "BAG-GRN-45"]);
    const days = [orders, { op: "where", field: "delivered_on", cmp: "ne", value: null }, { op: "derive", name: "days", fn: "days_between", of: "placed_on", to: "delivered_on" }] as const;
    expect(run({ steps: [...days], result: { op: "max", field: "days" } })).toBe(6);
  });

  it("rejects ambiguity with the reason: ties, empty results, missing values", () => {
    const orders = { op: "children", table: "orders", fk: "customer_id" } as const;
    const tie = evaluateQuery({ anchor: { table: "products", key: "P-SHOES" }, steps: [{ op: "children", table: "variants", fk: "product_id" }, { op: "where", field: "color", cmp: "eq", value: "x" }], result: { op: "count" } }, retailDomain.db);
    expect(tie).toEqual({ ok: false, reason: "empty result: no rows are left to aggregate" });
    const blue = evaluateQuery({ anchor: { table: "products", key: "P-SHOES" }, steps: [{ op: "children", table: "variants", fk: "product_id" }, { op: "where", field: "stock", cmp: "gt", value: 1 }], result: { op: "argmax", field: "price", pick: "item_id" } }, retailDomain.db);
    expect(blue).toEqual({ ok: false, reason: "tie: 2 rows share the highest price (99.95)" });
    const missing = evaluateQuery({ anchor: { table: "customers", key: "cust_ava_moreno" }, steps: [orders, { op: "derive", name: "days", fn: "days_between", of: "placed_on", to: "delivered_on" }], result: { op: "max", field: "days" } }, retailDomain.db);
    expect(missing.ok ? "" : missing.reason).toMatch(/days is missing or not a number for orders\/#W2001/);
  });
});

describe("runProgram", () => {
  it("plans the read-tool calls that reach every record read, and computes difficulty from them", () => {
    const run = runProgram({ queries: [avaOrders], db_patch: [] }, retailDomain);
    if (!run.ok) throw new Error(run.reason);
    expect(run.plan).toEqual([
      { name: "find_customer", arguments: { email: "ava.moreno@example.com" } },
      { name: "list_customer_orders", arguments: { customer_id: "cust_ava_moreno" } },
      { name: "get_order", arguments: { order_id: "#W2001" } },
      { name: "get_order", arguments: { order_id: "#W2002" } },
    ]);
    expect(run.difficulty).toEqual({ solution_steps: 3 + 3, tool_calls: 4, score: 10 });
  });

  it("counts on what a filter tool tells (a listed slot is open) and rejects answers that stand on records no tool shows", () => {
    const slots = (steps: Query["steps"]) => runProgram({ queries: [{ anchor: { table: "doctors", key: "dr_priya_nair" }, steps: [{ op: "children", table: "slots", fk: "doctor_id" }, ...steps], result: { op: "count" } }], db_patch: [] }, clinicDomain);
    const open = slots([{ op: "where", field: "available", cmp: "eq", value: true }]);
    expect(open.ok && open.answer.value).toBe(3);
    expect(open.ok && open.plan).toEqual([{ name: "list_available_slots", arguments: { doctor_id: "dr_priya_nair" } }]);
    const all = slots([]);
    expect(all.ok ? "" : all.reason).toMatch(/^unreachable: the answer needs slots\/SL-NAI-2025-03-05T10:00 \(doctor_id, the record\)/);
  });
});
