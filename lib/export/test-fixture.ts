import type { PathStep, TestCase } from "@/lib/cases/schema";
import type { Database, DomainSpec } from "@/lib/domain/schema";
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

/** One row per outcome kind, each with a persona, plus an execute case that starts from a changed db. */
export function shopRows(): ExportRow[] {
  const rows: ExportRow[] = Object.entries(shopCases).map(([outcome, tc], i) => ({
    id: `shop-${outcome}`,
    testCase: { ...tc, persona: SEED_PERSONAS[i].persona },
    domain: shopSpec,
  }));
  return [...rows, { id: "shop-execute-o3", testCase: newOrderCase(), domain: shopSpec }];
}

/** The execute case on a db with a new order o3 and o1 already cancelled: its outputs, hash and diff executed. */
function newOrderCase(): TestCase {
  const db: Database = { orders: { ...shopDb.orders, o1: { ...shopDb.orders.o1, status: "cancelled" }, o3: { order_id: "o3", status: "pending", total: 12 } } };
  const env = new Environment({ tools: shopTools, db });
  const normal_path: PathStep[] = [
    { tool_name: "get_order", input: { order_id: "o3" } },
    { tool_name: "cancel_order", input: { order_id: "o3", reason: "no longer needed" } },
  ].map((s) => {
    const r = env.step({ name: s.tool_name, arguments: s.input });
    return { ...s, expected_output: r.ok ? r.output : { error: r.error } };
  });
  const base = shopCases.execute;
  return {
    ...base,
    task: "Please cancel order o3.",
    persona: SEED_PERSONAS[7].persona,
    user_facts: { order_id: "o3", reason: "no longer needed" },
    initial_db: db,
    tool_return_expected: { normal_path, hack_path: [] },
    expected_final_hash: env.hash(),
    expected_diff: env.diff(),
    branch: { ...base.branch, branchId: "shop-execute-o3" },
  };
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
