import { and, asc, count, eq, gte, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { caseReviewsState, reviews } from "../schema-review";
import { reviewWhere, type ReviewQuery } from "./reviews-filter";
import { agreementStats, type AgreementStats } from "@/lib/review/agreement";
import type { ReviewStatus } from "@/lib/review/schema";

export type ReviewerActivity = { reviewerId: string; name: string; approve: number; reject: number; edit: number; skip: number };

export type ReviewStats = {
  byStatus: Record<ReviewStatus, number>;
  agreement: AgreementStats;
  reviewers: ReviewerActivity[];
  /** Reasons of the rejections that count now (each reviewer's latest verdict on the current text). */
  rejectReasons: Record<string, number>;
};

const s = caseReviewsState;
const onCurrent = and(eq(s.caseId, reviews.caseId), eq(s.revision, reviews.caseRevision));

/**
 * Review progress and inter-reviewer agreement over the cases a query matches, aggregated in
 * SQL: agreement reads only the cases with two or more current votes (the state row counts them),
 * so it stays cheap when most cases have one reviewer.
 */
export function reviewStats({ db, query }: { db: Db; query: ReviewQuery }): ReviewStats {
  const where = reviewWhere(db, query);
  const byStatus: Record<ReviewStatus, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const r of db.select({ status: s.status, n: count() }).from(s).where(where).groupBy(s.status).all()) byStatus[r.status] = r.n;

  const shared = db.select({ id: s.caseId }).from(s).where(and(where, gte(sql`${s.approvals} + ${s.rejections}`, 2)));
  const votes = db
    .select({ item: reviews.caseId, rater: reviews.reviewerId, label: reviews.decision })
    .from(reviews)
    .innerJoin(s, onCurrent)
    .where(and(inArray(reviews.caseId, shared), inArray(reviews.decision, ["approve", "reject"])))
    .orderBy(asc(reviews.id))
    .all();
  const latest = new Map(votes.map((v) => [`${v.item}\u0000${v.rater}`, { item: String(v.item), rater: v.rater, label: v.label }]));

  const people = new Map<string, ReviewerActivity>();
  for (const r of db
    .select({ reviewerId: reviews.reviewerId, name: sql<string>`max(${reviews.reviewerName})`, decision: reviews.decision, n: count() })
    .from(reviews)
    .innerJoin(s, eq(s.caseId, reviews.caseId))
    .where(where)
    .groupBy(reviews.reviewerId, reviews.decision)
    .all()) {
    const p = people.get(r.reviewerId) ?? { reviewerId: r.reviewerId, name: r.name, approve: 0, reject: 0, edit: 0, skip: 0 };
    if (r.decision in p) p[r.decision as "approve" | "reject" | "edit" | "skip"] = r.n;
    people.set(r.reviewerId, p);
  }

  const ranked = db
    .select({ decision: reviews.decision, reason: reviews.reason, k: sql<number>`row_number() OVER (PARTITION BY ${reviews.caseId}, ${reviews.reviewerId} ORDER BY ${reviews.id} DESC)`.as("k") })
    .from(reviews)
    .innerJoin(s, onCurrent)
    .where(and(where, inArray(reviews.decision, ["approve", "reject"])))
    .as("ranked");
  const rejectReasons: Record<string, number> = {};
  for (const r of db.select({ reason: ranked.reason, n: count() }).from(ranked).where(and(eq(ranked.k, 1), eq(ranked.decision, "reject"))).groupBy(ranked.reason).all())
    if (r.reason) rejectReasons[r.reason] = r.n;

  return { byStatus, agreement: agreementStats([...latest.values()]), reviewers: [...people.values()].sort((x, y) => x.name.localeCompare(y.name)), rejectReasons };
}

/** Distinct values for the filter bar's pickers. */
export function reviewFacets({ db }: { db: Db }) {
  const distinct = (col: typeof s.generator | typeof s.personaId) =>
    db.selectDistinct({ v: col }).from(s).where(sql`${col} IS NOT NULL`).orderBy(asc(col)).limit(500).all().map((r) => r.v as string);
  return { generators: distinct(s.generator), personas: distinct(s.personaId) };
}
