import { describe, expect, it } from "vitest";
import { DomainSpec } from "@/lib/domain/schema";
import { checkDomainSpec } from "@/lib/env";
import { countOutcomes, enumerateBranches } from "@/lib/tree/branches";
import { LEAF_KINDS, TreeDoc } from "@/lib/tree/schema";
import { validateTree } from "@/lib/tree/validate";
import { EXAMPLE_DOMAINS } from "./index";
import { abort, decision, flattenTree, when } from "./tree-builder";

/** The seeded example domains are sound data: specs parse, tools fit the database, trees validate. */
describe.each(EXAMPLE_DOMAINS.map((d) => [d.spec.name, d] as const))("%s", (_name, { spec, trees }) => {
  it("parses as a DomainSpec and its tools fit its database", () => {
    expect(DomainSpec.parse(spec)).toEqual(spec);
    expect(checkDomainSpec(spec)).toEqual([]);
  });

  it("declares each transfer once, with a string summary, and only facts its trees use", () => {
    const transfers = spec.tools.filter((t) => t.effect.kind === "transfer");
    expect(transfers).toHaveLength(1);
    expect(transfers[0].parameters).toMatchObject({ properties: { summary: { type: "string" } }, required: ["summary"] });
    const guards = trees.flatMap((t) => Object.values(t.doc.nodes).flatMap((n) => [n.guard ?? "", ...Object.values(n.args ?? {})]));
    for (const fact of spec.userFacts) expect(guards.some((g) => g.includes(`user.${fact.name}`)), fact.name).toBe(true);
  });

  describe.each(trees.map((t) => [t.name, t.doc] as const))("tree %s", (_tree, doc) => {
    it("parses and validates with no issues", () => {
      expect(TreeDoc.parse(doc)).toEqual(doc);
      expect(validateTree(doc, spec)).toEqual([]);
    });

    it("has at least 12 branches and every outcome kind", () => {
      const counts = countOutcomes(enumerateBranches(doc));
      const total = Object.values(counts).reduce((a, b) => a + b, 0);
      expect(total).toBeGreaterThanOrEqual(12);
      for (const kind of LEAF_KINDS) expect(counts[kind], kind).toBeGreaterThan(0);
    });

    it("asks only for facts the domain declares", () => {
      const facts = new Set(spec.userFacts.map((f) => f.name));
      const asked = Object.values(doc.nodes).flatMap((n) => n.missing ?? []);
      expect(asked.filter((m) => !facts.has(m))).toEqual([]);
    });
  });
});

describe("example data", () => {
  it("uses distinct slugs", () => {
    const slugs = EXAMPLE_DOMAINS.map((d) => d.spec.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("retail orders are paid in full", () => {
    const orders = EXAMPLE_DOMAINS[0].spec.db.orders as Record<string, { items: { price: number }[]; payments: { amount: number }[] }>;
    const cents = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 100);
    for (const [id, o] of Object.entries(orders)) expect(cents(o.payments.map((p) => p.amount)), id).toBe(cents(o.items.map((i) => i.price)));
  });

  it("the tree builder rejects a repeated node id", () => {
    const twice = abort("same", "x", "y");
    expect(() => flattenTree(decision("root", "r", [when("true", twice), twice]))).toThrow(/"same" is used twice/);
  });
});
