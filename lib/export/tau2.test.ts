import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/domain/schema";
import { exportDataset, type ExportResult } from "./export";
import { dbPatch, REWARD_BASIS, TAU2_REWARD_COMPONENTS, type Tau2Task } from "./tau2-task";
import { exampleRows, replayHash, shopRows, shopSpec } from "./test-fixture";
import type { ExportRow } from "./types";

let rows: ExportRow[];
let dir: string;
let result: ExportResult;
const json = (...p: string[]) => JSON.parse(readFileSync(path.join(dir, ...p), "utf8"));

beforeAll(async () => {
  rows = [...shopRows(), ...(await exampleRows())];
  dir = mkdtempSync(path.join(tmpdir(), "tau2-"));
  const split = new Map(rows.map((r, i) => [r.id, i % 3 === 0 ? ("validation" as const) : ("train" as const)]));
  result = await exportDataset({ format: "tau2", rows, outDir: dir, split });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tau2's update_db: a recursive dict merge of agent_data into db.json. */
function merge(base: unknown, patch: unknown): unknown {
  if (!patch || typeof patch !== "object" || Array.isArray(patch) || !base || typeof base !== "object" || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
  return out;
}

describe("tau2 export", () => {
  it("writes each domain's folder: tasks, splits with base, policy and db", () => {
    const slugs = [...new Set(rows.map((r) => r.domain.slug))];
    expect(slugs.length).toBeGreaterThan(1);
    for (const slug of slugs) {
      const domainRows = rows.filter((r) => r.domain.slug === slug);
      const tasks: Tau2Task[] = json(slug, "tasks.json");
      expect(tasks.map((t) => t.id)).toEqual(domainRows.map((r) => r.id));
      const splits = json(slug, "split_tasks.json");
      expect(splits.base).toEqual(domainRows.map((r) => r.id));
      expect([...(splits.train ?? []), ...(splits.test ?? [])].sort()).toEqual([...splits.base].sort());
      expect(readFileSync(path.join(dir, slug, "policy.md"), "utf8")).toContain(domainRows[0].domain.policy.trim());
      expect(json(slug, "db.json")).toEqual(domainRows[0].domain.db);
    }
    expect(result.warnings).toEqual([]);
  });

  it("fills every task field in tau2's shape, with a reward basis chosen per outcome", () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const slug of new Set(rows.map((r) => r.domain.slug))) {
      for (const task of json(slug, "tasks.json") as Tau2Task[]) {
        const row = byId.get(task.id)!;
        const tc = row.testCase;
        expect(Object.keys(task).sort()).toEqual(["description", "evaluation_criteria", "id", "initial_state", "user_scenario"]);
        expect(Object.keys(task.description).sort()).toEqual(["notes", "purpose", "relevant_policies"]);
        expect(task.description.purpose).toContain(tc.expected_outcome);
        expect(task.user_scenario.persona).toBe(tc.persona.trim() || null);
        const ins = task.user_scenario.instructions;
        expect(Object.keys(ins).sort()).toEqual(["domain", "known_info", "reason_for_call", "task_instructions", "unknown_info"]);
        expect(ins.domain).toBe(slug);
        expect(ins.reason_for_call).toBe(tc.task.trim());
        if (tc.expected_clarifications.length) expect(ins.unknown_info).toMatch(/You do not know/);

        const ev = task.evaluation_criteria;
        expect(Object.keys(ev).sort()).toEqual(["actions", "communicate_info", "env_assertions", "nl_assertions", "reward_basis"]);
        expect(ev.reward_basis.every((c) => (TAU2_REWARD_COMPONENTS as readonly string[]).includes(c))).toBe(true);
        expect(ev.reward_basis).toEqual(REWARD_BASIS[tc.expected_outcome]);
        if (ev.reward_basis.includes("NL_ASSERTION")) expect(ev.nl_assertions.length).toBeGreaterThan(0);
        expect(ev.env_assertions).toEqual([]);

        const toolNames = row.domain.tools.map((t) => t.name);
        expect(new Set(ev.actions.map((a) => a.action_id)).size).toBe(ev.actions.length);
        for (const a of ev.actions) {
          expect(a.requestor).toBe("assistant");
          expect(toolNames).toContain(a.name);
          for (const k of a.compare_args ?? []) expect(a.arguments).toHaveProperty(k);
        }
        if (tc.expected_outcome === "transfer") {
          const last = ev.actions[ev.actions.length - 1];
          expect(row.domain.tools.find((t) => t.name === last.name)?.effect.kind).toBe("transfer");
          expect(last.compare_args).toEqual([]);
        }

        // replayed as tau2 does (db.json, merged initial state, the actions), the db ends at the case's hash
        const start = task.initial_state ? (merge(row.domain.db, task.initial_state.initialization_data.agent_data) as Database) : row.domain.db;
        if (!task.initial_state) expect(tc.initial_db).toEqual(row.domain.db);
        else expect(task.initial_state).toMatchObject({ initialization_data: { user_data: {} }, initialization_actions: [], message_history: [] });
        expect(start).toEqual(tc.initial_db);
        expect(replayHash({ tools: row.domain.tools, db: start }, ev.actions.map((a) => ({ name: a.name, arguments: a.arguments })))).toBe(tc.expected_final_hash);
      }
    }
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
