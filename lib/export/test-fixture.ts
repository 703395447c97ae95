import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { shopCases, shopDb, shopDomain, shopTools } from "@/lib/sim/test-fixture";
import type { ExportRow } from "./types";

/** The lib/sim shop as a full domain, one row per outcome kind, each with a persona. */
export const shopSpec: DomainSpec = {
  slug: "shop",
  name: "Shop",
  description: "A tiny shop",
  policy: shopDomain.policy,
  tools: shopTools,
  userFacts: shopDomain.userFacts ?? [],
  db: shopDb,
};

export function shopRows(): ExportRow[] {
  return Object.entries(shopCases).map(([outcome, tc], i) => ({
    id: `shop-${outcome}`,
    testCase: { ...tc, persona: SEED_PERSONAS[i].persona },
    domain: shopSpec,
  }));
}

/** Every example tree's synthesized cases, with seed personas (lib/synth is loaded on demand). */
export async function exampleRows(): Promise<ExportRow[]> {
  const [{ synthesizeTree }, { EXAMPLE_DOMAINS }] = await Promise.all([import("@/lib/synth"), import("@/lib/domain/examples")]);
  const rows: ExportRow[] = [];
  EXAMPLE_DOMAINS.forEach(({ spec, trees }, d) =>
    trees.forEach((tree, t) => {
      const { cases } = synthesizeTree(tree.doc, spec, { seed: 1, personas: SEED_PERSONAS, treeId: d * 10 + t + 1, revision: 1, treeName: tree.name });
      cases.forEach((testCase, i) => rows.push({ id: `${spec.slug}-${t}-${i}`, testCase, domain: spec }));
    }),
  );
  return rows;
}

/** The database hash after running `path` on `db` with `tools` (a replay of a reference trajectory). */
export function replayHash(domain: Pick<DomainSpec, "tools" | "db">, path: { name: string; arguments: Record<string, unknown> }[]): string {
  const env = new Environment(domain);
  for (const call of path) env.step(call);
  return env.hash();
}

/** Copies of `rows` with fresh ids, `n` in all: a big source that is never held as an array. */
export async function* cloneRows(rows: ExportRow[], n: number): AsyncGenerator<ExportRow> {
  for (let i = 0; i < n; i++) {
    const row = rows[i % rows.length];
    yield { ...row, id: `${row.id}#${i}` };
  }
}
