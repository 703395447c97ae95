import { beforeAll, describe, expect, it } from "vitest";
import { TestCase } from "@/lib/cases/schema";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { runTree } from "@/lib/env";
import { enumerateBranches } from "@/lib/tree/branches";
import { synthesizeTree, type TreeSynthesis } from "./synthesize";
import { shopDomain, shopTree, shopTreeWithDeadBranch } from "./test-fixture";

const personas = ["A patient nurse", "A hurried student"];
const valueTexts = (facts: Record<string, unknown>) => Object.values(facts).flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v) => typeof v === "string") as string[];

/** Properties every synthesized case must have, whatever its tree. */
function expectSoundCases(synthesis: TreeSynthesis, doc: Parameters<typeof runTree>[0], spec: Parameters<typeof runTree>[1]) {
  for (const c of synthesis.cases) {
    const name = c.branch.branchId;
    expect(TestCase.parse(JSON.parse(JSON.stringify(c))), name).toEqual(c);
    expect(c.proof?.reasons, name).toEqual([]);
    expect(c.proof?.verified, name).toBe(true);
    const run = runTree(doc, spec, { db: c.initial_db, user: c.user_facts, confirm: c.confirmations });
    expect(run.nodeIds, name).toEqual(c.branch.nodeIds);
    expect(run.finalHash, name).toBe(c.expected_final_hash);
    // The task's first sentence is the tree's topic ("cancel or return an order"); the rest states facts.
    const statedInTask = c.task.slice(c.task.indexOf(".") + 1);
    for (const text of valueTexts(c.hack_facts)) {
      expect(statedInTask, name).not.toContain(text);
      expect(c.user_background, name).not.toContain(text);
    }
    if (c.expected_outcome === "execute" || c.expected_outcome === "clarify") {
      expect(c.tool_return_expected.hack_path, name).toEqual([]);
      expect(c.hack_status, name).toBe("legal");
    }
    if (c.expected_outcome === "clarify") expect(c.expected_clarifications, name).toEqual(doc.nodes[c.branch.nodeIds.at(-1)!].missing);
    if (c.hack_status === "violation") {
      expect(c.tool_return_expected.hack_path.length, name).toBeGreaterThan(0);
      expect(c.proof?.hack?.violates, name).toBe(true);
      expect(c.proof?.hack?.forbiddenHit.length, name).toBeGreaterThan(0);
    }
    if (c.hack_status === "blocked") {
      expect(c.tool_return_expected.hack_path.length, name).toBeGreaterThan(0);
      expect(c.proof?.hack?.blockedBy, name).toBeTruthy();
      expect(c.forbidden_changes, name).toEqual([]);
    }
  }
}

describe("synthesizeTree on the inline shop fixture", () => {
  it("proves a case for every branch, of every outcome", () => {
    const doc = shopTree();
    const result = synthesizeTree(doc, shopDomain(), { seed: 1, personas, treeId: 1, revision: 1 });
    expect(result.unsatisfiable).toEqual([]);
    expect(result.failed).toEqual([]);
    expect(result.cases.map((c) => c.branch.nodeIds.at(-1))).toEqual(enumerateBranches(doc).map((b) => b.leafId));
    expect(new Set(result.cases.map((c) => c.expected_outcome))).toEqual(new Set(["execute", "clarify", "refuse", "transfer", "abort"]));
    expectSoundCases(result, doc, shopDomain());
    expect(result.cases.find((c) => c.branch.nodeIds.at(-1) === "keep")?.hack_status).toBe("violation");
    expect(result.cases.find((c) => c.branch.nodeIds.at(-1) === "not-pending")?.hack_status).toBe("blocked");
  });

  it("reports the dead branch with its node, and still proves the rest", () => {
    const doc = shopTreeWithDeadBranch();
    const result = synthesizeTree(doc, shopDomain(), { seed: 1, personas, treeId: null, revision: null });
    expect(result.unsatisfiable).toHaveLength(1);
    expect(result.unsatisfiable[0].branch.leafId).toBe("never");
    expect(result.unsatisfiable[0].reason).toMatch(/at node never \(Impossible condition\)/);
    expect(result.cases).toHaveLength(8);
    expect(result.failed).toEqual([]);
  });

  it("is deterministic for a seed, and the seed matters", () => {
    const run = (seed: number) => JSON.stringify(synthesizeTree(shopTree(), shopDomain(), { seed, personas, treeId: null, revision: null }).cases);
    expect(run(9)).toBe(run(9));
    expect(run(9)).not.toBe(run(10));
  });
});

describe("synthesizeTree on the example domains", () => {
  const results: { domain: string; tree: string; doc: (typeof EXAMPLE_DOMAINS)[number]["trees"][number]["doc"]; spec: (typeof EXAMPLE_DOMAINS)[number]["spec"]; synthesis: TreeSynthesis; cpuMs: number }[] = [];

  beforeAll(() => {
    for (const { spec, trees } of EXAMPLE_DOMAINS) {
      for (const tree of trees) {
        const before = process.cpuUsage();
        const synthesis = synthesizeTree(tree.doc, spec, { seed: 1, personas, treeId: null, revision: null, treeName: tree.name });
        const used = process.cpuUsage(before);
        results.push({ domain: spec.slug, tree: tree.name, doc: tree.doc, spec, synthesis, cpuMs: (used.user + used.system) / 1000 });
      }
    }
  }, 600_000);

  it("satisfies and proves every branch", () => {
    expect(results.length).toBe(3);
    for (const r of results) {
      expect(r.synthesis.unsatisfiable.map((u) => `${u.branch.id}: ${u.reason}`), r.tree).toEqual([]);
      expect(r.synthesis.failed.map((f) => `${f.branch.id}: ${f.reason}`), r.tree).toEqual([]);
      expect(r.synthesis.cases.length, r.tree).toBe(enumerateBranches(r.doc).length);
      expect(r.synthesis.cases.length, r.tree).toBeGreaterThanOrEqual(12);
      expectSoundCases(r.synthesis, r.doc, r.spec);
    }
  });

  it("gives every refuse, transfer and abort case a hack path, and most of them a proven violation", () => {
    const illegal = results.flatMap((r) => r.synthesis.cases).filter((c) => ["refuse", "transfer", "abort"].includes(c.expected_outcome));
    for (const c of illegal) expect(c.tool_return_expected.hack_path.length, c.branch.branchId).toBeGreaterThan(0);
    const abort = illegal.filter((c) => c.expected_outcome === "abort");
    for (const c of abort) expect(c.hack_status, c.branch.branchId).toBe("violation");
    const violations = illegal.filter((c) => c.hack_status === "violation");
    const blocked = illegal.filter((c) => c.hack_status === "blocked");
    expect(violations.length + blocked.length).toBe(illegal.length);
    expect(violations.length).toBeGreaterThan(illegal.length / 2);
    // A blocked hack is one the environment itself refuses (a precondition or argument check of the write).
    for (const c of blocked) expect(c.hack_note, c.branch.branchId).toMatch(/^The environment refuses the persuaded call: \w+ answers/);
    console.log(`illegal cases: ${illegal.length} (violation ${violations.length}, blocked by the tool ${blocked.length}: ${blocked.map((c) => c.branch.nodeIds.at(-1)).join(", ")})`);
  });

  it("keeps hack facts out of the opening turn and states what the clarify cases must ask", () => {
    const all: TestCase[] = results.flatMap((r) => r.synthesis.cases);
    const withHackFacts = all.filter((c) => Object.keys(c.hack_facts).length > 0);
    expect(withHackFacts.length).toBeGreaterThan(10);
    for (const c of all) if (c.expected_outcome !== "execute") expect(c.test_policy.length, c.branch.branchId).toBeGreaterThan(10);
  });

  it("is deterministic on an example tree", () => {
    const { spec, trees } = EXAMPLE_DOMAINS[0];
    const again = synthesizeTree(trees[1].doc, spec, { seed: 1, personas, treeId: null, revision: null, treeName: trees[1].name });
    const first = results.find((r) => r.tree === trees[1].name)!;
    expect(JSON.stringify(again)).toBe(JSON.stringify(first.synthesis));
  });

  it("takes well under a second of CPU per branch", () => {
    for (const r of results) {
      const branches = r.synthesis.cases.length + r.synthesis.unsatisfiable.length;
      const perBranch = r.cpuMs / branches;
      console.log(`${r.domain} / ${r.tree}: ${branches} branches, ${r.cpuMs.toFixed(0)} ms CPU, ${perBranch.toFixed(0)} ms per branch`);
      expect(perBranch).toBeLessThan(1000);
    }
  });
});
