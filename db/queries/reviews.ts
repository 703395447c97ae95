import { and, asc, count, desc, eq, gt, inArray, lt, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cases, domains } from "../schema";
import { auditLog, caseReviewsState, reviews } from "../schema-review";
import { getCase, type CaseRow } from "./cases";
import { DomainError } from "@/lib/errors";
import { reviewWhere, type ReviewQuery } from "./reviews-filter";
import type { AuditEntry } from "@/lib/review/audit";
import type { CaseReviewState, Vote } from "@/lib/review/schema";
import type { TestCase } from "@/lib/cases/schema";
import type { ReviewSubject } from "@/lib/review/decision";

export type { ReviewQuery } from "./reviews-filter";

const s = caseReviewsState;

/** What the review table shows per case: the filtered columns, the request and the review state. */
const listColumns = {
  id: s.caseId,
  domainId: s.domainId,
  domainSlug: domains.slug,
  treeId: s.treeId,
  branchId: cases.branchId,
  outcome: s.outcome,
  status: s.proofStatus,
  source: cases.source,
  generator: s.generator,
  personaId: s.personaId,
  // From the search index's copy: a page never parses the case JSON (~17 KB a case).
  task: sql<string>`coalesce((SELECT task FROM case_search WHERE rowid = ${s.caseId}), '')`,
  labels: sql<string>`coalesce((SELECT labels FROM case_search WHERE rowid = ${s.caseId}), '[]')`,
  reviewStatus: s.status,
  revision: s.revision,
  approvals: s.approvals,
  rejections: s.rejections,
  reviewedAt: s.updatedAt,
};

export type ReviewListRow = {
  id: number; domainId: number | null; domainSlug: string | null; treeId: number | null; branchId: string; outcome: string; status: string;
  source: string; generator: string; personaId: string | null; task: string; labels: string[]; reviewStatus: CaseReviewState["status"]; revision: number;
  approvals: number; rejections: number; reviewedAt: string | null;
};

function parseLabels(text: string): string[] {
  try {
    const v: unknown = JSON.parse(text);
    return Array.isArray(v) ? v.map(String) : [];
  } catch {
    return [];
  }
}

/** How many cases match (counted on the narrow state table). */
export function countReviewCases({ db, query }: { db: Db; query: ReviewQuery }): number {
  return db.select({ n: count() }).from(s).where(reviewWhere(db, query)).get()!.n;
}

/** Up to `limit` ids of matching cases from `offset`, oldest first: the page, found without touching case rows. */
export function matchingCaseIds({ db, query, limit, offset = 0 }: { db: Db; query: ReviewQuery; limit: number; offset?: number }): number[] {
  return db.select({ id: s.caseId }).from(s).where(reviewWhere(db, query)).orderBy(asc(s.caseId)).limit(limit).offset(offset).all().map((r) => r.id);
}

/**
 * One page of the review queue, oldest case first, with the total for the scrollbar. The page's
 * ids come from the state table; only those rows are read from `cases`.
 */
export function listReviewCases({ db, query, limit = 100, offset = 0 }: { db: Db; query: ReviewQuery; limit?: number; offset?: number }): { rows: ReviewListRow[]; total: number } {
  const ids = matchingCaseIds({ db, query, limit, offset });
  const rows = ids.length
    ? db.select(listColumns).from(s).innerJoin(cases, eq(cases.id, s.caseId)).leftJoin(domains, eq(domains.id, s.domainId)).where(inArray(s.caseId, ids)).orderBy(asc(s.caseId)).all()
        .map((r) => ({ ...r, labels: parseLabels(r.labels) }))
    : [];
  return { rows, total: countReviewCases({ db, query }) };
}

/** The cases before and after `id` in the filtered queue (keyset), and `id`'s position in it. */
export function caseNeighbors({ db, query, id }: { db: Db; query: ReviewQuery; id: number }) {
  const where = reviewWhere(db, query);
  const step = (cmp: typeof gt, order: typeof asc) => db.select({ id: s.caseId }).from(s).where(and(where, cmp(s.caseId, id))).orderBy(order(s.caseId)).limit(1).get()?.id ?? null;
  const total = countReviewCases({ db, query });
  const position = total === 0 ? 0 : db.select({ n: count() }).from(s).where(and(where, lte(s.caseId, id))).get()!.n;
  return { previous: step(lt, desc), next: step(gt, asc), position, total };
}

export function getReviewState({ db, caseId }: { db: Db; caseId: number }): CaseReviewState {
  const row = db.select().from(s).where(eq(s.caseId, caseId)).get();
  return row ? { status: row.status, revision: row.revision, approvals: row.approvals, rejections: row.rejections } : { status: "pending", revision: 0, approvals: 0, rejections: 0 };
}

function getVotes(db: Db, caseId: number): Vote[] {
  return db
    .select({ reviewerId: reviews.reviewerId, verdict: reviews.decision, caseRevision: reviews.caseRevision, at: reviews.createdAt })
    .from(reviews)
    .where(and(eq(reviews.caseId, caseId), inArray(reviews.decision, ["approve", "reject"])))
    .orderBy(asc(reviews.id))
    .all() as Vote[];
}

/** A case with its data, review state and votes, as lib/review's decideCase takes it. */
export function getReviewSubject({ db, id }: { db: Db; id: number }): { row: CaseRow; subject: ReviewSubject } {
  const row = getCase({ db, id });
  const subject = { caseId: id, testCase: row.data as unknown as TestCase, isVerified: row.status === "verified", proofReason: row.reason, review: getReviewState({ db, caseId: id }), votes: getVotes(db, id) };
  return { row, subject };
}

/** The same without the case JSON (for approve / reject / skip, which never read it). */
export function getVerdictSubject({ db, id }: { db: Db; id: number }): ReviewSubject {
  const row = db.select({ status: cases.status, reason: cases.reason }).from(cases).where(eq(cases.id, id)).get();
  if (!row) throw new DomainError("not_found", `No case with id ${id}.`);
  return { caseId: id, isVerified: row.status === "verified", proofReason: row.reason, review: getReviewState({ db, caseId: id }), votes: getVotes(db, id) };
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
