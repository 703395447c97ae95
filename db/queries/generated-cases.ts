import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import type { TestCase } from "@/lib/cases/schema";
import { insertCases } from "./cases";

export type GeneratedCase = {
  domainId: number;
  treeId: number;
  treeRevision: number;
  testCase: TestCase;
  generator: string;
  personaId: string;
  /** The job item that made it: a re-run of the item (after a crash) finds its case instead of adding a second. */
  jobId: number;
  idx: number;
};

/**
 * Stores a generated case once per job item. The item's result is recorded after this insert, in
 * a separate transaction; if the process dies in between, the item runs again and gets the case
 * it already stored. The job and item travel in the case data as `generation`.
 */
export function storeGeneratedCase({ db, item }: { db: Db; item: GeneratedCase }): { id: number; verified: boolean; existed: boolean } {
  const existing = db
    .select({ id: cases.id, status: cases.status })
    .from(cases)
    .where(
      and(
        eq(cases.treeId, item.treeId),
        sql`json_extract(${cases.data}, '$.generation.jobId') = ${item.jobId}`,
        sql`json_extract(${cases.data}, '$.generation.idx') = ${item.idx}`,
      ),
    )
    .get();
  if (existing) return { id: existing.id, verified: existing.status === "verified", existed: true };
  const testCase = { ...item.testCase, generation: { jobId: item.jobId, idx: item.idx } } as TestCase;
  const [id] = insertCases({
    db,
    items: [{ domainId: item.domainId, treeId: item.treeId, treeRevision: item.treeRevision, testCase, source: "synth", generator: item.generator, personaId: item.personaId }],
  });
  return { id, verified: Boolean(item.testCase.proof?.verified), existed: false };
}
