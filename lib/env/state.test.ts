import { describe, expect, it } from "vitest";
import { canonicalJson, diffStates, hashState } from "./state";

describe("hashState", () => {
  it("is a sha256 hex digest, stable across calls", () => {
    const db = { t: { a: { x: 1 } } };
    expect(hashState(db)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashState(db)).toBe(hashState(structuredClone(db)));
  });

  it("does not depend on key order at any level", () => {
    const a = { orders: { o1: { id: "o1", meta: { b: 1, a: 2 } }, o2: { id: "o2" } }, users: {} };
    const b = { users: {}, orders: { o2: { id: "o2" }, o1: { meta: { a: 2, b: 1 }, id: "o1" } } };
    expect(hashState(b)).toBe(hashState(a));
    expect(canonicalJson(b)).toBe('{"orders":{"o1":{"id":"o1","meta":{"a":2,"b":1}},"o2":{"id":"o2"}},"users":{}}');
  });

  it("changes when a value, an array order or a type changes", () => {
    const base = hashState({ t: { a: { x: 1, l: [1, 2] } } });
    expect(hashState({ t: { a: { x: 2, l: [1, 2] } } })).not.toBe(base);
    expect(hashState({ t: { a: { x: 1, l: [2, 1] } } })).not.toBe(base);
    expect(hashState({ t: { a: { x: "1", l: [1, 2] } } })).not.toBe(base);
  });
});

describe("diffStates", () => {
  const before = {
    orders: {
      o1: { status: "pending", address: { city: "Paris", zip: "1" }, items: [1, 2] },
      o2: { status: "pending" },
    },
    users: { u1: { name: "A" } },
  };

  it("lists inserts, deletes and field updates with dotted paths, sorted", () => {
    const after = {
      orders: {
        o1: { status: "cancelled", address: { city: "Lyon", zip: "1" }, items: [1], note: "x" },
        o3: { status: "new" },
      },
      users: { u1: { name: "A" } },
    };
    expect(diffStates(before, after)).toEqual([
      { table: "orders", key: "o1", op: "update", field: "address.city", before: "Paris", after: "Lyon" },
      { table: "orders", key: "o1", op: "update", field: "items", before: [1, 2], after: [1] },
      { table: "orders", key: "o1", op: "update", field: "note", after: "x" },
      { table: "orders", key: "o1", op: "update", field: "status", before: "pending", after: "cancelled" },
      { table: "orders", key: "o2", op: "delete", before: { status: "pending" } },
      { table: "orders", key: "o3", op: "insert", after: { status: "new" } },
    ]);
  });

  it("is empty for equal databases and treats a missing table as empty", () => {
    expect(diffStates(before, structuredClone(before))).toEqual([]);
    expect(diffStates({ t: {} }, { t: { k: { a: 1 } }, u: {} })).toEqual([{ table: "t", key: "k", op: "insert", after: { a: 1 } }]);
    expect(diffStates({ t: { k: { a: 1 } } }, {})).toEqual([{ table: "t", key: "k", op: "delete", before: { a: 1 } }]);
  });
});
