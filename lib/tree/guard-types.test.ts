import { describe, expect, it } from "vitest";
import { evalCel } from "@/lib/cel";
import { describeType, recordTypeOf, schemaType } from "./cel-types";
import { fixtureDomain } from "./fixtures";
import { createGuardChecker } from "./guard-check";
import { guardVarTypes, toolOutputType } from "./guard-types";

const checker = createGuardChecker(fixtureDomain);
const afterLookup = [{ key: "get_order", tool: "get_order" }];
const check = (expr: string, visible = afterLookup) => checker.check(expr, visible);

describe("guard types from a domain", () => {
  it("types the database from its records, user facts from their declared types", () => {
    const types = guardVarTypes(fixtureDomain, []);
    expect(describeType(types.state)).toBe("record{customers, orders}");
    const orders = types.state.kind === "record" ? types.state.fields.orders : null;
    expect(orders).toMatchObject({ kind: "map", of: { kind: "record" } });
    const row = orders?.kind === "map" && orders.of.kind === "record" ? orders.of.fields : {};
    expect(row.total).toEqual({ kind: "double" });
    expect(row.items).toEqual({ kind: "list", of: { kind: "string" } }); // [] in one row does not spoil it
    expect(row.address).toEqual({ kind: "map", of: { kind: "string" } });
    expect(types.user).toEqual({
      kind: "record",
      fields: {
        order_id: { kind: "string" },
        reason: { kind: "string" },
        disputes_charge: { kind: "bool" },
        quantity: { kind: "double" },
        item_names: { kind: "list", of: { kind: "dyn" } },
      },
    });
  });

  it("falls back to dyn where data or schemas are mixed or loose", () => {
    expect(recordTypeOf([{ v: 1 }, { v: "x" }, { v: null }])).toEqual({ kind: "record", fields: { v: { kind: "dyn" } } });
    expect(recordTypeOf([{ v: null }])).toEqual({ kind: "record", fields: { v: { kind: "dyn" } } });
    expect(schemaType({ type: "object", description: "the record" })).toEqual({ kind: "map", of: { kind: "dyn" } });
    expect(schemaType({ anyOf: [{ type: "string" }, { type: "number" }] })).toEqual({ kind: "dyn" });
    expect(schemaType({ type: "object", properties: { a: { type: "integer" } }, additionalProperties: true })).toEqual({ kind: "map", of: { kind: "dyn" } });
  });

  it("gives every tool output an optional error field", () => {
    expect(toolOutputType(fixtureDomain, "cancel_order")).toMatchObject({ kind: "record", fields: { error: { kind: "string" }, status: { kind: "string" } } });
    expect(toolOutputType(fixtureDomain, "transfer_to_human")).toEqual({ kind: "dyn" }); // no outputs schema
    expect(toolOutputType(fixtureDomain, "nope")).toEqual({ kind: "dyn" });
  });
});

describe("guard type checking", () => {
  it.each([
    "has(user.order_id)",
    'state.orders[user.order_id].status == "pending"',
    "outputs.get_order.total > 100",
    "outputs.get_order.total == 120",
    "user.order_id in state.orders",
    "!has(outputs.get_order.error)",
    'outputs.get_order.items.exists(i, i == "mug")',
    "size(outputs.get_order.items) > 1 && user.quantity <= 2",
    'state.orders[user.order_id].address.city == "Lisbon"',
    "state.customers[outputs.get_order.customer_id].vip",
    "user.quantity in [1, 2, 3]",
    "state.orders[user.order_id].total == null",
    '"mug" in user.item_names',
  ])("accepts %s", (expr) => {
    expect(check(expr)).toMatchObject({ valid: true });
  });

  it.each([
    ["user.order_id > 3", "no such overload: string > int"],
    ["state.nope", "No such key: nope"],
    ["state.orders[user.order_id].colour == 1", "No such key: colour"],
    ["outputs.get_order.total.size() > 1", "no matching overload"],
    ["user.disputes_charge == \"yes\"", "no such overload"],
    ["has(user.shoe_size)", 'user has no field "shoe_size"'],
    ["has(outputs.get_order.colour)", 'outputs.get_order has no field "colour"'],
  ])("rejects %s", (expr, message) => {
    const result = check(expr);
    expect(result.valid).toBe(false);
    if (!result.valid) expect(result.message).toContain(message);
  });

  it("distinguishes syntax errors from type errors", () => {
    expect(check("user.order_id ==")).toMatchObject({ valid: false, kind: "syntax" });
    expect(check("user.order_id > 3")).toMatchObject({ valid: false, kind: "type" });
  });

  it("sees only the outputs it is given", () => {
    expect(check("outputs.get_order.total > 1", [])).toMatchObject({ valid: false, message: expect.stringContaining("get_order") });
    expect(check("has(outputs.get_order)", [])).toMatchObject({ valid: false, message: expect.stringContaining("on this path") });
    // saveAs keys: the same tool under another name.
    expect(check("outputs.first.total > 1", [{ key: "first", tool: "get_order" }])).toMatchObject({ valid: true });
    // An unknown path (null) admits any output.
    expect(check("outputs.whatever.x == 1", null as never)).toMatchObject({ valid: true });
  });

  it("accepts at check time what the runtime evaluates (double vs int literals)", () => {
    const vars = { state: fixtureDomain.db, user: { order_id: "O-1001", quantity: 2 }, outputs: { get_order: fixtureDomain.db.orders["O-1001"] } };
    for (const expr of ["outputs.get_order.total == 120.5", "user.quantity == 2", "user.quantity in [1, 2]", "outputs.get_order.total + 1 > 121"]) {
      expect(check(expr)).toMatchObject({ valid: true });
      expect(evalCel(expr, vars)).toBe(true);
    }
  });

  it("reads literals for enum checks", () => {
    expect(checker.literal('"mug"')).toEqual({ value: "mug" });
    expect(checker.literal("3")).toEqual({ value: 3 });
    expect(checker.literal("user.order_id")).toBeNull();
  });
});
