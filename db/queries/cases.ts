import { and, asc, count, desc, eq, gt, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { DomainError } from "@/lib/errors";
import type { TestCase } from "@/lib/cases/schema";

export type CaseRow = typeof cases.$inferSelect;

export type NewCase = {
  domainId: number | null;
  treeId: number | null;
  treeRevision: number | null;
  testCase: TestCase;
  source?: "synth" | "import";
  generator?: string;
  personaId?: string | null;
  importBatch?: string | null;
};

function toRow(c: NewCase) {
  const proof = c.testCase.proof;
  return {
    domainId: c.domainId,
    treeId: c.treeId,
    treeRevision: c.treeRevision,
    branchId: c.testCase.branch.branchId,
    outcome: c.testCase.expected_outcome,
    status: proof?.verified ? "verified" : "unverified",
    reason: proof?.reasons.join("; ") ?? "no proof",
    source: c.source ?? "synth",
    generator: c.generator ?? "deterministic",
    personaId: c.personaId ?? null,
    importBatch: c.importBatch ?? null,
    data: c.testCase as unknown as Record<string, unknown>,
  };
}

/** Inserts many cases in one transaction (all or nothing). */
export function insertCases({ db, items }: { db: Db; items: NewCase[] }): number[] {
  if (items.length === 0) return [];
  return db.transaction((tx) => items.map((c) => tx.insert(cases).values(toRow(c)).returning({ id: cases.id }).get().id));
}

/** The generator name of "Synthesize & verify" runs: one case per branch, replaced by each re-run. */
export const VERIFY_GENERATOR = "verify";

/** Replaces one tree's cases from the previous verify run; generation jobs' cases are kept. */
export function replaceTreeCases({ db, treeId, items }: { db: Db; treeId: number; items: NewCase[] }): number[] {
  return db.transaction((tx) => {
    tx.delete(cases).where(and(eq(cases.treeId, treeId), eq(cases.generator, VERIFY_GENERATOR))).run();
    return items.map((c) => tx.insert(cases).values(toRow({ ...c, generator: VERIFY_GENERATOR })).returning({ id: cases.id }).get().id);
  });
}

export type CaseFilter = { domainId?: number; treeId?: number; status?: string; outcome?: string; source?: string; importBatch?: string };

function where(f: CaseFilter): SQL | undefined {
  const parts: SQL[] = [];
  if (f.domainId !== undefined) parts.push(eq(cases.domainId, f.domainId));
  if (f.treeId !== undefined) parts.push(eq(cases.treeId, f.treeId));
  if (f.status) parts.push(eq(cases.status, f.status));
  if (f.outcome) parts.push(eq(cases.outcome, f.outcome));
  if (f.source) parts.push(eq(cases.source, f.source));
  if (f.importBatch) parts.push(eq(cases.importBatch, f.importBatch));
  return parts.length ? and(...parts) : undefined;
}

export function listCases({ db, filter = {}, limit = 200, offset = 0 }: { db: Db; filter?: CaseFilter; limit?: number; offset?: number }) {
  const rows = db.select().from(cases).where(where(filter)).orderBy(desc(cases.id)).limit(limit).offset(offset).all();
  const total = db.select({ n: count() }).from(cases).where(where(filter)).get()!.n;
  return { rows, total };
}

export function getCase({ db, id }: { db: Db; id: number }): CaseRow {
  const row = db.select().from(cases).where(eq(cases.id, id)).get();
  if (!row) throw new DomainError("not_found", `No case with id ${id}.`);
  return row;
}

/** Streams matching cases page by page (oldest first), as JSONL export lines need. */
export function* iterateCases({ db, filter = {}, pageSize = 1000 }: { db: Db; filter?: CaseFilter; pageSize?: number }): Generator<CaseRow> {
  let lastId = 0;
  for (;;) {
    const cond = where(filter);
    const rows = db
      .select()
      .from(cases)
      .where(cond ? and(cond, gt(cases.id, lastId)) : gt(cases.id, lastId))
      .orderBy(asc(cases.id))
      .limit(pageSize)
      .all();
    yield* rows;
    if (rows.length < pageSize) return;
    lastId = rows[rows.length - 1].id;
  }
}

/** A case as one JSONL line: the TestCase plus its id, status and proof reason. */
export const caseJsonLine = (r: CaseRow) => JSON.stringify({ id: r.id, status: r.status, reason: r.reason, tree_id: r.treeId, ...r.data }) + "\n";
