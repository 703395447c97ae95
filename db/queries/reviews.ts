import { and, asc, count, desc, eq, gt, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cases, domains } from "../schema";
import { auditLog, caseReviewsState, reviews } from "../schema-review";
import { getCase, type CaseRow } from "./cases";
import { needsState, reviewWhere, type ReviewQuery } from "./reviews-filter";
import type { AuditEntry } from "@/lib/review/audit";
import type { CaseReviewState, Vote } from "@/lib/review/schema";
import type { TestCase } from "@/lib/cases/schema";
import type { ReviewSubject } from "@/lib/review/decision";

export type { ReviewQuery } from "./reviews-filter";

/** What the review table shows per case: the indexed columns, the request and the review state. */
const listColumns = {
  id: cases.id,
  domainId: cases.domainId,
  domainSlug: domains.slug,
  treeId: cases.treeId,
  branchId: cases.branchId,
  outcome: cases.outcome,
  status: cases.status,
  source: cases.source,
  generator: cases.generator,
  personaId: cases.personaId,
  task: sql<string>`coalesce(json_extract(${cases.data}, '$.task'), '')`,
  reviewStatus: caseReviewsState.status,
  revision: caseReviewsState.revision,
  approvals: caseReviewsState.approvals,
  rejections: caseReviewsState.rejections,
  reviewedAt: caseReviewsState.updatedAt,
};

export type ReviewListRow = {
  id: number; domainId: number | null; domainSlug: string | null; treeId: number | null; branchId: string; outcome: string; status: string;
  source: string; generator: string; personaId: string | null; task: string; reviewStatus: CaseReviewState["status"]; revision: number;
  approvals: number; rejections: number; reviewedAt: string | null;
};

const joinState = eq(caseReviewsState.caseId, cases.id);

/** How many cases match; joins the state table only when the filter reads it. */
export function countReviewCases({ db, query }: { db: Db; query: ReviewQuery }): number {
  const base = db.select({ n: count() }).from(cases);
  const q = needsState(query) ? base.innerJoin(caseReviewsState, joinState) : base;
  return q.where(reviewWhere(db, query)).get()!.n;
}

/** One page of the review queue, oldest case first, with the total for the scrollbar. */
export function listReviewCases({ db, query, limit = 100, offset = 0 }: { db: Db; query: ReviewQuery; limit?: number; offset?: number }): { rows: ReviewListRow[]; total: number } {
  const rows = db
    .select(listColumns)
    .from(cases)
    .innerJoin(caseReviewsState, joinState)
    .leftJoin(domains, eq(domains.id, cases.domainId))
    .where(reviewWhere(db, query))
    .orderBy(asc(cases.id))
    .limit(limit)
    .offset(offset)
    .all();
  return { rows, total: countReviewCases({ db, query }) };
}

/** The cases before and after `id` in the filtered queue (keyset), and `id`'s place in it. */
export function caseNeighbors({ db, query, id }: { db: Db; query: ReviewQuery; id: number }) {
  const where = reviewWhere(db, query);
  const step = (cmp: typeof gt, order: typeof asc) =>
    db.select({ id: cases.id }).from(cases).innerJoin(caseReviewsState, joinState).where(and(where, cmp(cases.id, id))).orderBy(order(cases.id)).limit(1).get()?.id ?? null;
  const total = countReviewCases({ db, query });
  return { previous: step(lt, desc), next: step(gt, asc), position: total === 0 ? 0 : countUpTo(db, query, id), total };
}

function countUpTo(db: Db, query: ReviewQuery, id: number): number {
  return db.select({ n: count() }).from(cases).innerJoin(caseReviewsState, joinState).where(and(reviewWhere(db, query), lte(cases.id, id))).get()!.n;
}

/** Up to `limit` ids of matching cases (bulk decisions), oldest first. */
export function matchingCaseIds({ db, query, limit }: { db: Db; query: ReviewQuery; limit: number }): number[] {
  return db.select({ id: cases.id }).from(cases).innerJoin(caseReviewsState, joinState).where(reviewWhere(db, query)).orderBy(asc(cases.id)).limit(limit).all().map((r) => r.id);
}

export function getReviewState({ db, caseId }: { db: Db; caseId: number }): CaseReviewState {
  const s = db.select().from(caseReviewsState).where(eq(caseReviewsState.caseId, caseId)).get();
  return s ? { status: s.status, revision: s.revision, approvals: s.approvals, rejections: s.rejections } : { status: "pending", revision: 0, approvals: 0, rejections: 0 };
}

/** A case with its review state and votes, as lib/review's decideCase takes it. */
export function getReviewSubject({ db, id }: { db: Db; id: number }): { row: CaseRow; subject: ReviewSubject } {
  const row = getCase({ db, id });
  const votes: Vote[] = db
    .select({ reviewerId: reviews.reviewerId, verdict: reviews.decision, caseRevision: reviews.caseRevision, at: reviews.createdAt })
    .from(reviews)
    .where(and(eq(reviews.caseId, id), sql`${reviews.decision} IN ('approve', 'reject')`))
    .orderBy(asc(reviews.id))
    .all() as Vote[];
  const subject = { caseId: id, testCase: row.data as unknown as TestCase, isVerified: row.status === "verified", review: getReviewState({ db, caseId: id }), votes };
  return { row, subject };
}

/** Every review action on a case, newest first. */
export function listCaseReviews({ db, caseId }: { db: Db; caseId: number }) {
  return db.select().from(reviews).where(eq(reviews.caseId, caseId)).orderBy(desc(reviews.id)).all();
}

export function insertAudit({ db, entry }: { db: Db; entry: AuditEntry }): void {
  db.insert(auditLog).values(entry).run();
}

/** The audit trail of one entity, newest first. */
export function listAudit({ db, entity, entityId, limit = 200 }: { db: Db; entity: string; entityId: string; limit?: number }) {
  return db.select().from(auditLog).where(and(eq(auditLog.entity, entity), eq(auditLog.entityId, entityId))).orderBy(desc(auditLog.id)).limit(limit).all();
}
