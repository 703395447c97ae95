import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/domain/schema";
import { exportDataset, type ExportResult } from "./export";
import { dbPatch } from "./tau2-task";
import { checkTau2Folder } from "./test-checks";
import { shopRows, shopSpec } from "./test-fixture";

const rows = shopRows();
let dir: string;
let result: ExportResult;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "tau2-"));
  result = await exportDataset({ format: "tau2", rows, outDir: dir, split: new Map(rows.map((r, i) => [r.id, i % 3 === 0 ? ("validation" as const) : ("train" as const)])) });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tau2 export", () => {
  it("writes the domain folder: tasks, splits with base (validation as test), policy and db", () => {
    expect(result.files.map((f) => path.relative(dir, f))).toEqual(["shop/tasks.json", "shop/split_tasks.json", "shop/policy.md", "shop/db.json", "README.md"]);
    expect(result.warnings).toEqual([]);
    checkTau2Folder(dir, "shop", rows);
  });

  it("starts from db.json when the case does, and patches it when the case changes records", async () => {
    const { readFileSync } = await import("node:fs");
    const tasks = JSON.parse(readFileSync(path.join(dir, "shop", "tasks.json"), "utf8"));
    const plain = tasks.find((t: { id: string }) => t.id === "shop-execute");
    expect(plain.initial_state).toBeNull();
    const patched = tasks.find((t: { id: string }) => t.id === "shop-execute-o3");
    expect(Object.keys(patched.initial_state.initialization_data.agent_data.orders).sort()).toEqual(["o1", "o3"]);
    expect(patched.evaluation_criteria.actions.map((a: { name: string }) => a.name)).toEqual(["get_order", "cancel_order"]);
    const refuse = tasks.find((t: { id: string }) => t.id === "shop-refuse");
    expect(refuse.evaluation_criteria.nl_assertions.join(" ")).toMatch(/refuses[\s\S]*does not perform cancel order/);
  });

  it("reports what a merge-only initial state cannot express", () => {
    const seed: Database = { orders: { o1: { id: "o1", status: "pending", note: "x" }, o2: { id: "o2" } } };
    const db: Database = { orders: { o1: { id: "o1", status: "shipped" }, o3: { id: "o3" } } };
    const { patch, unexpressible } = dbPatch(seed, db);
    expect(patch).toEqual({ orders: { o1: { id: "o1", status: "shipped" }, o3: { id: "o3" } } });
    expect(unexpressible).toEqual(["orders.o1.note removed", "orders.o2 removed"]);
    expect(dbPatch(seed, structuredClone(seed))).toEqual({ patch: {}, unexpressible: [] });
  });

  it("warns on a case whose db removes seed records, and writes it anyway", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "tau2-warn-"));
    const [row] = shopRows();
    const trimmed = { ...row, testCase: { ...row.testCase, initial_db: { orders: { o1: shopSpec.db.orders.o1 } } } };
    const res = await exportDataset({ format: "tau2", rows: [trimmed], outDir: out });
    expect(res.rows).toBe(1);
    expect(res.warnings).toEqual([{ rowId: row.id, code: "not_expressible", message: expect.stringContaining("orders.o2 removed") }]);
    rmSync(out, { recursive: true, force: true });
  });
});
