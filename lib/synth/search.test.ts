import { describe, expect, it } from "vitest";
import { diffStates, runTree } from "@/lib/env";
import { enumerateBranches } from "@/lib/tree/branches";
import { findBranchInput } from "./search";
import { shopDomain, shopTree, shopTreeWithDeadBranch } from "./test-fixture";

const domain = shopDomain();
const doc = shopTree();
const branches = enumerateBranches(doc);
const branch = (leaf: string) => branches.find((b) => b.leafId === leaf)!;

describe("findBranchInput", () => {
  it("drives the interpreter down every branch of the fixture exactly", () => {
    expect(branches.length).toBe(8);
    for (const b of branches) {
      const found = findBranchInput(doc, b, domain, { seed: 3 });
      if (!found.ok) throw new Error(`${b.id}: ${found.reason}`);
      const run = runTree(doc, domain, { db: found.db, user: found.user, confirm: found.confirm });
      expect(run.nodeIds).toEqual(b.nodeIds);
      expect(run.stuck).toBeUndefined();
    }
  });

  it("states only the facts a branch needs", () => {
    const ask = findBranchInput(doc, branch("ask-id"), domain, { seed: 1 });
    expect(ask.ok && ask.user).toEqual({});
    const notPending = findBranchInput(doc, branch("not-pending"), domain, { seed: 1 });
    expect(notPending.ok && notPending.user).toEqual({ order_id: "o2" });
  });

  it("edits a record only when no existing data reaches the branch", () => {
    const over = findBranchInput(doc, branch("over-limit"), domain, { seed: 1 });
    if (!over.ok) throw new Error(over.reason);
    const edits = diffStates(domain.db, over.db);
    expect(edits).toHaveLength(1);
    expect(edits[0]).toMatchObject({ table: "orders", op: "update", field: "total" });
    expect(edits[0].after as number).toBeGreaterThan(1000);
    const done = findBranchInput(doc, branch("done"), domain, { seed: 1 });
    expect(done.ok && diffStates(domain.db, done.db)).toEqual([]);
  });

  it("answers confirm nodes as the branch says", () => {
    const keep = findBranchInput(doc, branch("keep"), domain, { seed: 1 });
    expect(keep.ok && keep.confirm).toEqual({ confirm: false });
    expect(keep.ok && keep.run.calls.map((c) => c.name)).toEqual(["get_order"]);
  });

  it("is deterministic for a seed", () => {
    const a = findBranchInput(doc, branch("disputed"), domain, { seed: 11 });
    const b = findBranchInput(doc, branch("disputed"), domain, { seed: 11 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it("names the node and guard of a constant dead branch", () => {
    const dead = shopTreeWithDeadBranch();
    const never = enumerateBranches(dead).find((b) => b.leafId === "never")!;
    const found = findBranchInput(dead, never, domain, { seed: 1 });
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason).toMatch(/guard `1 == 2` at node never \(Impossible condition\)/);
  });

  it("names the guard no candidate could satisfy, after searching", () => {
    const dead = shopTree();
    dead.nodes.root = { ...dead.nodes.root, children: ["ask-id", "twice", "lookup"] };
    dead.nodes.twice = { id: "twice", kind: "refuse", label: "Two ids at once", guard: 'user.order_id == "o1" && user.order_id == "o2"', children: [], reason: "x" };
    const b = enumerateBranches(dead).find((x) => x.leafId === "twice")!;
    const found = findBranchInput(dead, b, domain, { seed: 1, maxIterations: 150 });
    expect(found.ok).toBe(false);
    expect(!found.ok && found.reason).toBe(
      'guard `user.order_id == "o1" && user.order_id == "o2"` at node twice (Two ids at once): no candidate satisfied it in 150 tries',
    );
  });

  it("says when a guard reads a fact the domain does not declare, or a node calls an unknown tool", () => {
    const odd = shopTree();
    odd.nodes.root = { ...odd.nodes.root, children: ["ask-id", "vip", "lookup"] };
    odd.nodes.vip = { id: "vip", kind: "refuse", label: "VIP", guard: "has(user.vip_code)", children: [], reason: "x" };
    const vip = findBranchInput(odd, enumerateBranches(odd).find((x) => x.leafId === "vip")!, domain, { seed: 1, maxIterations: 60 });
    expect(!vip.ok && vip.reason).toMatch(/at node vip \(VIP\): no candidate satisfied it in 60 tries \(vip_code is not a user fact of the domain, so no case can give it\)$/);
    const unknown = shopTree();
    unknown.nodes.lookup = { ...unknown.nodes.lookup, tool: "get_parcel" };
    const call = findBranchInput(unknown, enumerateBranches(unknown).find((x) => x.leafId === "done")!, domain, { seed: 1 });
    expect(!call.ok && call.reason).toBe("node lookup (Look up the order) calls get_parcel, which is not a tool of this domain");
  });

  it("reports an earlier sibling that always wins", () => {
    const dead = shopTree();
    dead.nodes.root = { ...dead.nodes.root, children: ["ask-id", "always", "lookup"] };
    dead.nodes.always = { id: "always", kind: "refuse", label: "Always", guard: "true", children: [], reason: "x" };
    const b = enumerateBranches(dead).find((x) => x.leafId === "done")!;
    const found = findBranchInput(dead, b, domain, { seed: 1 });
    expect(!found.ok && found.reason).toMatch(/earlier sibling always \(Always\) always holds.*lookup \(Look up the order\) is never reached/);
  });
});
