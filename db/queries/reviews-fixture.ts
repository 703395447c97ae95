import type { Db } from "../client";
import { openDb } from "../client";
import { insertDomain } from "./domains";
import { createTree } from "./trees";
import { insertCases } from "./cases";
import { synthesizeTree } from "@/lib/synth";
import { shopDomain, shopTree } from "@/lib/synth/test-fixture";
import { reviewCase } from "@/lib/review/test-fixture";
import type { TestCase } from "@/lib/cases/schema";

let synthesized: { treeId: number; cases: TestCase[] } | undefined;
/** The shop tree's proven cases, synthesized once per test file (synthesis is pure). */
function shopCases(treeId: number): TestCase[] {
  if (synthesized?.treeId !== treeId) synthesized = { treeId, cases: synthesizeTree(shopTree(), shopDomain(), { seed: 1, personas: [], treeId, revision: 1 }).cases };
  return structuredClone(synthesized.cases);
}

/**
 * A migrated in-memory database for the review tests: the shop domain and tree with one real,
 * proven case per branch (generator "deterministic"), plus two text-only cases of another
 * generator and persona (one verified, one not) in a second domain.
 */
export function reviewDb() {
  return seedReviewCases(openDb(":memory:"));
}

/** Adds the review fixture (see reviewDb) to a migrated database. */
export function seedReviewCases(db: Db): { db: Db; shopId: number; otherId: number; treeId: number; shopCaseIds: number[]; otherCaseIds: number[] } {
  const shop = insertDomain({ db, spec: shopDomain() });
  const tree = createTree({ db, domainId: shop.id, name: "Cancel", document: shopTree() });
  const shopCaseIds = insertCases({ db, items: shopCases(tree.id).map((testCase) => ({ domainId: shop.id, treeId: tree.id, treeRevision: 1, testCase })) });
  const other = insertDomain({ db, spec: { ...shopDomain(), slug: "other", name: "Other" } });
  const failed = reviewCase({ task: "Refund 50% of order o9_x", proof: { verified: false, reasons: ["hack path changes nothing"], normal: { reachedLeaf: true, finalHash: "h", matchesExpected: true }, hack: null } });
  const otherCaseIds = insertCases({
    db,
    items: [
      { domainId: other.id, treeId: null, treeRevision: null, testCase: reviewCase(), generator: "llm:qwen", personaId: "p-7" },
      { domainId: other.id, treeId: null, treeRevision: null, testCase: failed, generator: "llm:qwen", personaId: "p-8" },
    ],
  });
  return { db, shopId: shop.id, otherId: other.id, treeId: tree.id, shopCaseIds, otherCaseIds };
}
