import { describe, expect, it } from "vitest";
import type { ToolSpec } from "@/lib/domain/schema";
import { checkDomainSpec } from "./spec-check";
import { cancelOrder, getOrder, listOrders, retailDomain } from "./test-fixture";

const withTools = (...tools: ToolSpec[]) => ({ db: retailDomain().db, tools });

describe("checkDomainSpec", () => {
  it("finds nothing wrong with the retail fixture", () => {
    expect(checkDomainSpec(retailDomain())).toEqual([]);
  });

  it("names an unknown table, listing the real ones", () => {
    const bad: ToolSpec = { ...getOrder, effect: { kind: "get", table: "order", key: "args.order_id" } };
    expect(checkDomainSpec(withTools(bad))).toEqual([
      {
        tool: "get_order",
        path: "effect.table",
        message: "table 'order' is not in the database (tables: customers, products, payment_methods, orders)",
      },
    ]);
  });

  it("reports CEL that does not parse, uses an unknown variable, or an undeclared parameter", () => {
    const bad: ToolSpec = {
      ...cancelOrder,
      effect: {
        kind: "write",
        reads: [{ name: "order", table: "orders", key: "args.order_id" }],
        preconditions: [{ check: "rec.order.status ==", error: "x" }],
        steps: [
          { op: "set", table: "orders", key: "args.orderid", field: "status", value: "'x'" },
          { op: "forEach", over: "rec.order.payments", as: "p", steps: [{ op: "let", name: "y", value: "q.amount" }] },
          { op: "let", name: "state", value: "rec.customer.id" },
        ],
        returns: "p.amount",
      },
    };
    const issues = checkDomainSpec(withTools(bad));
    expect(issues.map((i) => i.path)).toEqual([
      "effect.preconditions[0].check",
      "effect.steps[0].key",
      "effect.steps[1].steps[0].value",
      "effect.steps[2].value",
      "effect.steps[2].name",
      "effect.returns",
    ]);
    expect(issues[0].message).toMatch(/^`rec.order.status ==` does not parse: Unexpected token/);
    expect(issues[1].message).toBe("`args.orderid` uses args.orderid, which is not a parameter");
    expect(issues[2].message).toBe("`q.amount` does not type-check: Unknown variable: q");
    expect(issues[3].message).toBe("`rec.customer.id` uses rec.customer, which no earlier read defines");
    expect(issues[4].message).toBe("'state' is reserved and cannot name a variable");
    expect(issues[5].message).toBe("`p.amount` does not type-check: Unknown variable: p"); // p lives only inside the loop
  });

  it("reports get/filter fields the table's records do not have", () => {
    const bad: ToolSpec = { ...getOrder, outputs: undefined, effect: { kind: "get", table: "orders", key: "args.order_id", fields: ["id", "state"] } };
    expect(checkDomainSpec(withTools(bad))).toEqual([
      {
        tool: "get_order",
        path: "effect.fields[1]",
        message: "'state' is not a field of orders records (fields: id, customer_id, status, total, items, payments)",
      },
    ]);
  });

  it("reports outputs the returned records cannot fit", () => {
    const bad: ToolSpec = {
      ...getOrder,
      outputs: { type: "object", properties: { id: { type: "string" }, total: { type: "string" }, items: { type: "array" } } },
    };
    const issues = checkDomainSpec(withTools(bad));
    expect(issues).toContainEqual({
      tool: "get_order",
      path: "outputs.properties.items",
      message: "no record returns 'items' (fields returned: id, customer_id, status, total, payments)",
    });
    expect(issues).toContainEqual({ tool: "get_order", path: "outputs", message: "orders o1 does not fit: total: must be string" });
    const noList: ToolSpec = { ...listOrders, outputs: { type: "object", properties: { items: { type: "array" } } } };
    expect(checkDomainSpec(withTools(noList))).toEqual([
      { tool: "list_orders", path: "outputs.properties", message: "the filter returns {orders: [...]}, but outputs declares no 'orders'" },
    ]);
    const wrongDefault: ToolSpec = { ...cancelOrder, effect: { ...cancelOrder.effect, returns: undefined } as ToolSpec["effect"] };
    expect(checkDomainSpec(withTools(wrongDefault))[0].message).toBe(
      'the default write output {"success":true} does not fit: order_id: is required; status: is required',
    );
  });

  it("reports duplicate names and parameters that are not an object schema", () => {
    const notObject: ToolSpec = { ...listOrders, parameters: { type: "string" } };
    const issues = checkDomainSpec(withTools(getOrder, getOrder, notObject));
    expect(issues).toContainEqual({ tool: "get_order", path: "tools[1].name", message: "tool name get_order is used twice" });
    expect(issues).toContainEqual({
      tool: "list_orders",
      path: "parameters.type",
      message: 'parameters must be an object schema (type "object"), got "string"',
    });
    const missingProp: ToolSpec = { ...getOrder, parameters: { type: "object", properties: { id: { type: "string" } }, required: ["order_id"] } };
    expect(checkDomainSpec(withTools(missingProp)).map((i) => i.message)).toEqual([
      "required parameter 'order_id' is not among the properties",
      "`args.order_id` uses args.order_id, which is not a parameter",
    ]);
  });

  it("reports a parameters schema that does not compile", () => {
    const broken: ToolSpec = { ...getOrder, parameters: { type: "object", properties: { order_id: { type: 5 } } } };
    expect(checkDomainSpec(withTools(broken))[0]).toMatchObject({ tool: "get_order", path: "parameters", message: expect.stringMatching(/invalid JSON schema/) });
  });
});
