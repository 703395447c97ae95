import { describe, expect, it } from "vitest";
import type { StateChange } from "@/lib/cases/schema";
import { forbiddenHits } from "./forbidden";

const status = (after: string): StateChange => ({ table: "orders", key: "o1", op: "update", field: "status", before: "delivered", after });

describe("forbiddenHits", () => {
  it("hits the forbidden value and any unexpected value at the forbidden place", () => {
    expect(forbiddenHits([status("cancelled")], [status("cancelled")], [])).toHaveLength(1);
    expect(forbiddenHits([status("cancelled")], [status("lost")], [status("return requested")])).toHaveLength(1);
  });

  it("does not hit the expected change at the same place, nor changes elsewhere", () => {
    expect(forbiddenHits([status("cancelled")], [status("return requested")], [status("return requested")])).toEqual([]);
    expect(forbiddenHits([status("cancelled")], [{ ...status("cancelled"), key: "o2" }], [])).toEqual([]);
    expect(forbiddenHits([status("cancelled")], [{ ...status("cancelled"), field: "note" }], [])).toEqual([]);
  });

  it("matches inserts and deletes by table and key", () => {
    const insert: StateChange = { table: "refunds", key: "r1", op: "insert", after: { amount: 5 } };
    expect(forbiddenHits([insert], [{ ...insert, after: { amount: 7 } }], [])).toHaveLength(1);
    const del: StateChange = { table: "orders", key: "o1", op: "delete", before: {} };
    expect(forbiddenHits([del], [del], [])).toHaveLength(1);
  });
});
