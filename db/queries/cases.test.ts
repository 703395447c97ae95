import { describe, expect, it } from "vitest";
import { openDb } from "../client";
import { insertDomain } from "./domains";
import { insertCases, listCases, replaceTreeCases, getCase } from "./cases";
import { createTree } from "./trees";
import type { TestCase } from "@/lib/cases/schema";

const testCase = (branchId: string, verified: boolean): TestCase => ({
  task: "t", user_background: "", hack_success_user_background: "", persona: "", user_escape_strategy: "",
  tool_return_expected: { normal_path: [], hack_path: [] }, test_policy: "", evaluation: "",
  user_facts: {}, hack_facts: {}, confirmations: {}, initial_db: {}, expected_final_hash: "h", expected_diff: [], forbidden_changes: [],
  expected_outcome: "refuse", expected_clarifications: [],
  branch: { treeId: null, revision: 1, branchId, nodeIds: [], labels: [] },
  proof: { verified, reasons: verified ? [] : ["hack path changes nothing"], normal: { reachedLeaf: true, finalHash: "h", matchesExpected: true }, hack: null },
});

describe("case queries", () => {
  it("stores cases with their status and reason, filters, and replaces only a tree's previous verify run", () => {
    const db = openDb(":memory:");
    const d = insertDomain({ db, spec: { slug: "d", name: "D", description: "", policy: "", tools: [], userFacts: [], db: {} } });
    const t = createTree({ db, domainId: d.id, name: "T", document: { version: 1, rootId: "r", nodes: { r: { id: "r", kind: "abort", label: "r", children: [] } } } });
    const ids = replaceTreeCases({ db, treeId: t.id, items: [testCase("a", true), testCase("b", false)].map((testCase) => ({ domainId: d.id, treeId: t.id, treeRevision: 1, testCase })) });
    insertCases({ db, items: [{ domainId: d.id, treeId: t.id, treeRevision: 1, testCase: testCase("generated", true), generator: "deterministic", personaId: "p1" }] });
    expect(ids).toHaveLength(2);
    expect(listCases({ db, filter: { domainId: d.id, status: "verified" } }).total).toBe(2);
    expect(getCase({ db, id: ids[1] }).reason).toBe("hack path changes nothing");
    replaceTreeCases({ db, treeId: t.id, items: [{ domainId: d.id, treeId: t.id, treeRevision: 2, testCase: testCase("c", true) }] });
    expect(listCases({ db, filter: { treeId: t.id } }).rows.map((r) => r.branchId).sort()).toEqual(["c", "generated"]);
  });
});
