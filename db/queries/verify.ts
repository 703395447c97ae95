import { and, count, eq } from "drizzle-orm";
import type { Db } from "../client";
import { cases, personas } from "../schema";
import { getDomainBySlug, listTreesOfDomain, toSpec } from "./domains";
import { replaceTreeCases } from "./cases";
import { verifyDomain, type VerifySummary } from "@/lib/cases/verify-domain";

/**
 * Synthesizes, proves and stores one case per branch of every tree of a domain; a re-run
 * replaces the trees' previous deterministic cases. Shared by the CLI and the API.
 */
export function verifyAndStoreDomain({ db, slug, seed = 1 }: { db: Db; slug: string; seed?: number }): VerifySummary {
  const row = getDomainBySlug({ db, slug });
  const trees = listTreesOfDomain({ db, domainId: row.id });
  const library = db.select({ id: personas.id, persona: personas.persona }).from(personas).all();
  const { summary, cases } = verifyDomain(
    toSpec(row),
    trees.map((t) => ({ id: t.id, name: t.name, revision: t.revision, doc: t.document })),
    { seed, personas: library },
  );
  for (const t of trees) {
    const items = cases
      .filter((c) => c.treeId === t.id)
      .map((c) => ({ domainId: row.id, treeId: t.id, treeRevision: c.revision, testCase: c.testCase }));
    replaceTreeCases({ db, treeId: t.id, items });
  }
  return summary;
}

/** How many verified cases a domain has (0 for an example domain never verified). */
export function countVerified({ db, slug }: { db: Db; slug: string }): number {
  const row = getDomainBySlug({ db, slug });
  return db.select({ n: count() }).from(cases).where(and(eq(cases.domainId, row.id), eq(cases.status, "verified"))).get()?.n ?? 0;
}
