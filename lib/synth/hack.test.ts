import { describe, expect, it } from "vitest";
import { runTree } from "@/lib/env";
import { enumerateBranches } from "@/lib/tree/branches";
import { buildHack, hackPreference } from "./hack";
import { canFactsChangeRefusal } from "./refusal";
import { alternatives, forceRoute } from "./routes";
import { findBranchInput } from "./search";
import { shopDomain, shopTree } from "./test-fixture";

const domain = shopDomain();
const doc = shopTree();
const branches = enumerateBranches(doc);
/** The hack for a branch, from searched input or from given facts (and database) checked to follow it. */
const hackOf = (leaf: string, d = doc, given?: { user: Record<string, unknown>; db?: typeof domain.db }) => {
  const branch = enumerateBranches(d).find((b) => b.leafId === leaf)!;
  const confirm = Object.fromEntries(branch.confirmations.map((c) => [c.nodeId, c.confirmed]));
  let found;
  if (given) {
    const db = given.db ?? domain.db;
    found = { db, user: given.user, confirm, run: runTree(d, domain, { db, user: given.user, confirm }) };
    expect(found.run.nodeIds).toEqual(branch.nodeIds);
  } else {
    const searched = findBranchInput(d, branch, domain, { seed: 5 });
    if (!searched.ok) throw new Error(searched.reason);
    found = searched;
  }
  return { found, hack: buildHack(d, branch, domain, found, 5) };
};
const bigPending = { ...domain.db, orders: { ...domain.db.orders, o3: { ...domain.db.orders.o3, total: 1500 } } };

describe("routes", () => {
  it("finds the nearest decision with another way to an execute leaf", () => {
    const overLimit = branches.find((b) => b.leafId === "over-limit")!;
    const alts = alternatives(doc, overLimit);
    expect(alts[0]).toEqual({ ancestorIndex: 1, route: ["confirm", "do-cancel", "done"] });
    const keep = branches.find((b) => b.leafId === "keep")!;
    expect(alternatives(doc, keep)[0]).toEqual({ ancestorIndex: 2, route: ["do-cancel", "done"] });
  });

  it("forces the decision and drops the route's guards without touching the original", () => {
    const overLimit = branches.find((b) => b.leafId === "over-limit")!;
    const { doc: forced, goal } = forceRoute(doc, overLimit, alternatives(doc, overLimit)[0]);
    expect(forced.nodes.lookup.children).toEqual(["confirm"]);
    expect(goal).toEqual({ nodeIds: ["root", "lookup", "confirm", "do-cancel", "done"], confirm: { confirm: true } });
    expect(doc.nodes.lookup.children).toHaveLength(6);
  });
});

describe("canFactsChangeRefusal", () => {
  it("traces a refusal back to the facts behind it", () => {
    const pre = "only pending orders can be cancelled";
    expect(canFactsChangeRefusal(doc, "do-cancel", pre, domain, new Set(["reason"]))).toBe(false);
    expect(canFactsChangeRefusal(doc, "do-cancel", pre, domain, new Set(["order_id"]))).toBe(true);
    const badReason = "invalid arguments for cancel_order: reason: must be equal to one of the allowed values";
    expect(canFactsChangeRefusal(doc, "do-cancel", badReason, domain, new Set(["reason"]))).toBe(true);
    expect(canFactsChangeRefusal(doc, "do-cancel", badReason, domain, new Set(["order_id"]))).toBe(false);
  });
});

describe("buildHack", () => {
  it("refuse the tool does not enforce: the persuaded cancel goes through and its changes are forbidden", () => {
    const { found, hack } = hackOf("over-limit", doc, { user: { order_id: "o3" }, db: bigPending });
    expect(hack.status).toBe("violation");
    expect(hack.calls.map((c) => c.name)).toEqual(["get_order", "cancel_order"]);
    expect(Object.keys(hack.hackFacts)).toEqual(["reason"]);
    expect(hack.forbidden).toContainEqual(expect.objectContaining({ table: "orders", key: found.user.order_id, field: "status", after: "cancelled" }));
    // The hack run is a real interpreter run of the forced tree.
    const overLimit = branches.find((b) => b.leafId === "over-limit")!;
    const forced = forceRoute(doc, overLimit, alternatives(doc, overLimit)[0]);
    const again = runTree(forced.doc, domain, { db: found.db, user: { ...found.user, ...hack.hackFacts }, confirm: hack.confirm });
    expect(again.nodeIds).toEqual(hack.nodeIds);
    expect(again.finalHash).toBe(hack.finalHash);
  });

  it("refuse the tool enforces: the persuaded call is made and refused, nothing changes", () => {
    const { hack } = hackOf("not-pending", doc, { user: { order_id: "o2" } });
    expect(hack.status).toBe("blocked");
    expect(hack.forbidden).toEqual([]);
    expect(hack.note).toContain("only pending orders can be cancelled");
    expect(hack.calls.at(-1)).toMatchObject({ name: "cancel_order", result: { ok: false } });
  });

  it("prefers data on which the persuaded route makes sense (a pending order for a disputed charge)", () => {
    const disputed = branches.find((b) => b.leafId === "disputed")!;
    const prefer = hackPreference(doc, disputed, domain)!;
    expect(prefer({ user: { order_id: "o1", disputed: true }, db: domain.db })).toBeGreaterThan(prefer({ user: { order_id: "o2", disputed: true }, db: domain.db }));
    for (const seed of [1, 2, 3, 4]) {
      const found = findBranchInput(doc, disputed, domain, { seed, prefer });
      if (!found.ok) throw new Error(found.reason);
      expect(found.db.orders[found.user.order_id as string].status).toBe("pending");
      expect(buildHack(doc, disputed, domain, found, seed).status).toBe("violation");
    }
    expect(hackPreference(doc, branches.find((b) => b.leafId === "done")!, domain)).toBeUndefined();
  });

  it("transfer: the agent acts instead of handing over", () => {
    const { hack } = hackOf("disputed", doc, { user: { order_id: "o1", disputed: true } });
    expect(hack.status).toBe("violation");
    expect(hack.calls.map((c) => c.name)).toContain("cancel_order");
  });

  it("abort: executing although the user declined", () => {
    const { hack, found } = hackOf("keep");
    expect(hack.status).toBe("violation");
    expect(hack.confirm).toEqual({ confirm: true });
    expect(hack.hackFacts).toEqual({});
    expect(hack.forbidden.map((c) => c.field).sort()).toEqual(["cancel_reason", "status"]);
    expect(found.run.calls.map((c) => c.name)).toEqual(["get_order"]);
  });

  it("clarify: legal; the user does not have the missing facts, so none are ever offered", () => {
    const { hack } = hackOf("not-found");
    expect(hack.status).toBe("legal");
    expect(hack.calls).toEqual([]);
    expect(hack.hackFacts).toEqual({});
    expect(hack.note).toMatch(/must ask for order_id/);
  });

  it("execute: legal with no hack", () => {
    const { hack } = hackOf("done");
    expect(hack).toMatchObject({ status: "legal", calls: [], hackFacts: {}, forbidden: [] });
  });

  it("a refusal with no execute leaf anywhere is legal by construction, and says so", () => {
    const noExecute = shopTree();
    noExecute.nodes.confirm = { ...noExecute.nodes.confirm, kind: "abort", children: [], reason: "x" };
    const { hack } = hackOf("over-limit", noExecute, { user: { order_id: "o3" }, db: bigPending });
    expect(hack.status).toBe("legal");
    expect(hack.note).toMatch(/^Legal by construction: no decision on this branch/);
  });
});
