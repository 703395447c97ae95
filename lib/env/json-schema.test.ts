import { describe, expect, it } from "vitest";
import { checkAgainstSchema, formatProblems, schemaError } from "./json-schema";

const order = {
  type: "object",
  description: "an order",
  properties: {
    order_id: { type: "string", description: "Order id" },
    items: { type: "array", items: { type: "object", properties: { price: { type: "number" } }, required: ["price"] } },
    reason: { type: "string", enum: ["a", "b"] },
  },
  required: ["order_id"],
  additionalProperties: false,
};

describe("checkAgainstSchema", () => {
  it("accepts a fitting value", () => {
    expect(checkAgainstSchema(order, { order_id: "o1", items: [{ price: 3 }] })).toEqual([]);
  });

  it("addresses each problem by path", () => {
    const problems = checkAgainstSchema(order, { items: [{ price: 1 }, { price: "x" }, {}], extra: 1, reason: "c" });
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: "order_id", message: "is required" },
        { path: "items[1].price", message: "must be number" },
        { path: "items[2].price", message: "is required" },
        { path: "extra", message: "is not an allowed property" },
        { path: "reason", message: 'must be one of "a", "b"' },
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  it("formats problems on one line", () => {
    expect(formatProblems(checkAgainstSchema(order, { order_id: 3 }))).toBe("order_id: must be string");
    expect(formatProblems(checkAgainstSchema({ type: "object" }, 3))).toBe("must be object");
  });

  it("maps the paper's Python-ish type names and ignores unknown keywords and formats", () => {
    const loose = {
      type: "object",
      properties: {
        amount: { type: "float", format: "money", "x-ui": true },
        tags: { type: "list" },
        required: { type: "int", required: true },
      },
    };
    expect(schemaError(loose)).toBeNull();
    expect(checkAgainstSchema(loose, { amount: 2.5, tags: [], required: 1 })).toEqual([]);
    expect(checkAgainstSchema(loose, { amount: "2.5", required: 1.5 })).toEqual([
      { path: "amount", message: "must be number" },
      { path: "required", message: "must be integer" },
    ]);
  });

  it("reports a schema that cannot compile instead of throwing", () => {
    const broken = { type: "object", properties: { a: { type: "strnig" } } };
    expect(schemaError(broken)).toMatch(/invalid JSON schema/);
    expect(checkAgainstSchema(broken, {})[0].message).toMatch(/invalid JSON schema/);
  });
});
