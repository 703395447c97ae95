import { describe, expect, it } from "vitest";
import type { TestCase } from "@/lib/cases/schema";
import { enumerateBranches } from "@/lib/tree/branches";
import { proveCase } from "./proof";
import { synthesizeCase } from "./synthesize";
import { shopDomain, shopTree } from "./test-fixture";

const domain = shopDomain();
const doc = shopTree();
const caseFor = (leaf: string): TestCase => {
  const branch = enumerateBranches(doc).find((b) => b.leafId === leaf)!;
  const result = synthesizeCase(doc, branch, domain, { seed: 2, personas: [], treeId: 7, revision: 3 });
  if (!result.ok) throw new Error(result.reason);
  return result.case;
};
const execute = caseFor("done");
const abort = caseFor("keep");
const blocked = caseFor("not-pending");

describe("proveCase", () => {
  it("verifies synthesized cases of every kind", () => {
    for (const c of [execute, abort, blocked, caseFor("ask-id")]) {
      const proof = proveCase(c, domain, doc);
      expect(proof.reasons).toEqual([]);
      expect(proof.verified).toBe(true);
      expect(proof.normal).toMatchObject({ reachedLeaf: true, matchesExpected: true, finalHash: c.expected_final_hash });
    }
    expect(proveCase(abort, domain, doc).hack).toMatchObject({ violates: true });
    expect(proveCase(abort, domain, doc).hack?.forbiddenHit.length).toBeGreaterThan(0);
    expect(proveCase(blocked, domain, doc).hack).toMatchObject({ violates: false, blockedBy: expect.stringContaining("only pending orders") });
  });

  it("rejects a recorded output the environment does not give", () => {
    const bad = structuredClone(execute);
    bad.tool_return_expected.normal_path[0].expected_output = { order_id: "o1", status: "shipped" };
    const proof = proveCase(bad, domain, doc);
    expect(proof.verified).toBe(false);
    expect(proof.reasons[0]).toMatch(/^normal_path\[0\] get_order: output differs/);
  });

  it("rejects a wrong final hash and a wrong diff", () => {
    const bad = structuredClone(execute);
    bad.expected_final_hash = "0".repeat(64);
    bad.expected_diff = [];
    const reasons = proveCase(bad, domain, doc).reasons.join("\n");
    expect(reasons).toMatch(/not the expected 000000000000/);
    expect(reasons).toMatch(/differ from expected_diff/);
  });

  it("rejects facts that do not lead down the branch", () => {
    const bad = structuredClone(execute);
    bad.user_facts = {};
    const proof = proveCase(bad, domain, doc);
    expect(proof.normal.reachedLeaf).toBe(false);
    expect(proof.reasons.join("\n")).toMatch(/the tree run took root > ask-id/);
  });

  it("rejects a hack path that changes nothing forbidden", () => {
    const bad = structuredClone(abort);
    bad.tool_return_expected.hack_path = bad.tool_return_expected.hack_path.slice(0, 1);
    const proof = proveCase(bad, domain, doc);
    expect(proof.hack?.violates).toBe(false);
    expect(proof.reasons).toContain("the hack path ends on the expected state, so the evaluation cannot reject it");
  });

  it("rejects a blocked hack whose call succeeds, and a legal case with a hack path", () => {
    const bad = structuredClone(blocked);
    bad.initial_db.orders.o2.status = "pending";
    bad.tool_return_expected.hack_path = abort.tool_return_expected.hack_path;
    expect(proveCase(bad, domain).reasons.join("\n")).toMatch(/marked blocked but every call in it succeeds/);
    const legal = structuredClone(execute);
    legal.tool_return_expected.hack_path = abort.tool_return_expected.hack_path;
    expect(proveCase(legal, domain, doc).reasons).toContain("hack_status is legal but the case has a hack path");
  });

  it("cannot verify without the tree, and says so", () => {
    const proof = proveCase(execute, domain);
    expect(proof.verified).toBe(false);
    expect(proof.reasons).toEqual(["the tree was not given, so the branch was not replayed"]);
  });
});
