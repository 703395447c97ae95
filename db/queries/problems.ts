import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { problemEvals, problemPassRates, problems } from "../schema-reasoning";
import { DomainError } from "@/lib/errors";
import { Problem, type PassRate } from "@/lib/reasoning/schema";
import { questionKey } from "@/lib/reasoning/import";

export type ProblemRow = typeof problems.$inferSelect;
export type ReviewState = ProblemRow["status"];

/** A stored problem with its review state and its measured pass rates. */
export interface StoredProblem {
  problem: Problem;
  status: ReviewState;
  reviewedBy: string | null;
  createdAt: string;
}

const columns = (p: Problem) => ({
  id: p.id,
  domain: p.domain,
  kind: p.answer.kind,
  source: p.source,
  verdict: p.verdict,
  reason: p.reason,
  parentId: p.lineage.parent,
  rootId: p.lineage.root,
  mutation: p.lineage.mutation,
  round: p.lineage.round,
  difficulty: p.difficulty.score,
  toolCalls: p.difficulty.tool_calls,
  statement: p.statement,
  data: { ...p, difficulty: { ...p.difficulty, pass_rates: [] } },
});

/** Stores problems; one already there (same content id) keeps its review state and is counted as existing. */
export function saveProblems({ db, items }: { db: Db; items: Problem[] }): { inserted: number; existing: number } {
  let inserted = 0;
  db.transaction((tx) => {
    for (const p of items) {
      const r = tx.insert(problems).values(columns(Problem.parse(p))).onConflictDoNothing().run();
      inserted += r.changes;
    }
  });
  return { inserted, existing: items.length - inserted };
}

function passRatesFor(db: Db, ids: string[]): Map<string, PassRate[]> {
  const out = new Map<string, PassRate[]>();
  if (!ids.length) return out;
  for (let i = 0; i < ids.length; i += 500) {
    const rows = db.select().from(problemPassRates).where(inArray(problemPassRates.problemId, ids.slice(i, i + 500))).orderBy(asc(problemPassRates.id)).all();
    for (const r of rows) out.set(r.problemId, [...(out.get(r.problemId) ?? []), { policy: r.policy, round: r.round, samples: r.samples, successes: r.successes, rate: r.rate }]);
  }
  return out;
}

function hydrate(db: Db, rows: ProblemRow[]): StoredProblem[] {
  const rates = passRatesFor(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    problem: { ...r.data, difficulty: { ...r.data.difficulty, pass_rates: rates.get(r.id) ?? [] } },
    status: r.status,
    reviewedBy: r.reviewedBy,
    createdAt: r.createdAt,
  }));
}

export function getProblem({ db, id }: { db: Db; id: string }): StoredProblem {
  const row = db.select().from(problems).where(eq(problems.id, id)).get();
  if (!row) throw new DomainError("not_found", `Problem ${id} not found.`);
  return hydrate(db, [row])[0];
}

export interface ProblemFilter {
  domain?: string | null;
  kind?: string;
  source?: string;
  verdict?: "verified" | "rejected";
  status?: ReviewState;
  round?: number;
  minDifficulty?: number;
  maxDifficulty?: number;
  /** Problems whose latest measured pass rate is at most this. */
  maxPassRate?: number;
  rootId?: string;
}

function where(f: ProblemFilter): SQL | undefined {
  const c: SQL[] = [];
  if (f.domain !== undefined) c.push(f.domain === null ? sql`${problems.domain} is null` : eq(problems.domain, f.domain));
  if (f.kind) c.push(eq(problems.kind, f.kind));
  if (f.source) c.push(eq(problems.source, f.source));
  if (f.verdict) c.push(eq(problems.verdict, f.verdict));
  if (f.status) c.push(eq(problems.status, f.status));
  if (f.round !== undefined) c.push(eq(problems.round, f.round));
  if (f.minDifficulty !== undefined) c.push(gte(problems.difficulty, f.minDifficulty));
  if (f.maxDifficulty !== undefined) c.push(lte(problems.difficulty, f.maxDifficulty));
  if (f.rootId) c.push(eq(problems.rootId, f.rootId));
  if (f.maxPassRate !== undefined) {
    c.push(sql`(select ${problemPassRates.rate} from ${problemPassRates} where ${problemPassRates.problemId} = ${problems.id} order by ${problemPassRates.id} desc limit 1) <= ${f.maxPassRate}`);
  }
  return c.length ? and(...c) : undefined;
}

export function listProblems({ db, filter = {}, limit = 100, offset = 0 }: { db: Db; filter?: ProblemFilter; limit?: number; offset?: number }): { rows: StoredProblem[]; total: number } {
  const cond = where(filter);
  const total = db.select({ n: sql<number>`count(*)` }).from(problems).where(cond).get()?.n ?? 0;
  const rows = db.select().from(problems).where(cond).orderBy(asc(problems.round), desc(problems.createdAt), asc(problems.id)).limit(limit).offset(offset).all();
  return { rows: hydrate(db, rows), total };
}

/** The ids of the problems a filter selects, in id order (no rows hydrated). */
export function problemIds({ db, filter = {} }: { db: Db; filter?: ProblemFilter }): string[] {
  return db.select({ id: problems.id }).from(problems).where(where(filter)).orderBy(asc(problems.id)).all().map((r) => r.id);
}

/** Problems by id with their review state (in the given order; ids not stored are absent). */
export function problemsByIds({ db, ids }: { db: Db; ids: string[] }): { problem: Problem; status: ReviewState }[] {
  const found = new Map<string, { problem: Problem; status: ReviewState }>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const r of db.select().from(problems).where(inArray(problems.id, ids.slice(i, i + 500))).all()) found.set(r.id, { problem: r.data, status: r.status });
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/** Every problem of a family (same root), parents before children. */
export function problemFamily({ db, id }: { db: Db; id: string }): StoredProblem[] {
  const { problem } = getProblem({ db, id });
  const rows = db.select().from(problems).where(eq(problems.rootId, problem.lineage.root)).orderBy(asc(problems.round), asc(problems.createdAt)).all();
  return hydrate(db, rows);
}

export function setProblemStatus({ db, id, status, reviewer }: { db: Db; id: string; status: ReviewState; reviewer: string }): StoredProblem {
  const r = db.update(problems).set({ status, reviewedBy: reviewer }).where(eq(problems.id, id)).run();
  if (!r.changes) throw new DomainError("not_found", `Problem ${id} not found.`);
  return getProblem({ db, id });
}

/** Question keys of stored free-text problems: the importer's duplicate check across batches. */
export function storedQuestionKeys({ db }: { db: Db }): Map<string, string> {
  const rows = db.select({ id: problems.id, statement: problems.statement }).from(problems).where(eq(problems.source, "import")).all();
  return new Map(rows.map((r) => [questionKey(r.statement), r.id]));
}

export function createProblemEval({ db, domain, policy, round, samples }: { db: Db; domain: string | null; policy: string; round: number; samples: number }) {
  return db.insert(problemEvals).values({ domain, policy, round, samples }).returning().get();
}

export function recordPassRate({ db, evalId, problemId, policy, round, samples, successes }: { db: Db; evalId: number; problemId: string; policy: string; round: number; samples: number; successes: number }): void {
  db.insert(problemPassRates).values({ evalId, problemId, policy, round, samples, successes, rate: successes / samples }).run();
}

export function finishProblemEval({ db, id, summary }: { db: Db; id: number; summary: Record<string, unknown> }): void {
  db.update(problemEvals).set({ summary }).where(eq(problemEvals.id, id)).run();
}

export function getProblemEval({ db, id }: { db: Db; id: number }) {
  const row = db.select().from(problemEvals).where(eq(problemEvals.id, id)).get();
  if (!row) throw new DomainError("not_found", `Problem evaluation ${id} not found.`);
  return row;
}

export function listProblemEvals({ db, limit = 50 }: { db: Db; limit?: number }) {
  return db.select().from(problemEvals).orderBy(desc(problemEvals.id)).limit(limit).all();
}

/** Every pass rate an evaluation recorded. */
export function evalPassRates({ db, evalId }: { db: Db; evalId: number }) {
  return db.select().from(problemPassRates).where(eq(problemPassRates.evalId, evalId)).orderBy(asc(problemPassRates.id)).all();
}

/** The failures of an evaluation: problems whose pass rate is under `threshold` over at least `minSamples` samples. */
export function evalFailures({ db, evalId, threshold = 0.5, minSamples = 1 }: { db: Db; evalId: number; threshold?: number; minSamples?: number }): StoredProblem[] {
  getProblemEval({ db, id: evalId });
  const ids = db
    .select({ id: problemPassRates.problemId })
    .from(problemPassRates)
    .where(and(eq(problemPassRates.evalId, evalId), sql`${problemPassRates.rate} < ${threshold}`, gte(problemPassRates.samples, minSamples)))
    .all()
    .map((r) => r.id);
  if (!ids.length) return [];
  return hydrate(db, db.select().from(problems).where(inArray(problems.id, ids)).orderBy(asc(problems.id)).all());
}

/** Verified problems per round, bucketed by difficulty: the shift to harder problems at a glance. */
export function difficultyByRound({ db, domain }: { db: Db; domain?: string | null }): { round: number; difficulty: number; count: number }[] {
  const cond = and(eq(problems.verdict, "verified"), domain === undefined ? undefined : domain === null ? sql`${problems.domain} is null` : eq(problems.domain, domain));
  return db
    .select({ round: problems.round, difficulty: sql<number>`cast(${problems.difficulty} as integer)`, count: sql<number>`count(*)` })
    .from(problems)
    .where(cond)
    .groupBy(problems.round, sql`cast(${problems.difficulty} as integer)`)
    .orderBy(asc(problems.round), sql`2`)
    .all();
}
