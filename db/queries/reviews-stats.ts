import { and, asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { caseReviewsState, reviews } from "../schema-review";
import { reviewWhere, type ReviewQuery } from "./reviews-filter";
import { agreementStats, type AgreementStats } from "@/lib/review/agreement";
import type { ReviewStatus } from "@/lib/review/schema";

export type ReviewerActivity = { reviewerId: string; name: string; approve: number; reject: number; edit: number; skip: number };

export type ReviewStats = {
  byStatus: Record<ReviewStatus, number>;
  agreement: AgreementStats;
  reviewers: ReviewerActivity[];
  rejectReasons: Record<string, number>;
};

/**
 * Review progress and inter-reviewer agreement over the cases a query matches. Agreement counts
 * each reviewer's latest verdict on a case's current revision (the votes that decide it).
 */
export function reviewStats({ db, query }: { db: Db; query: ReviewQuery }): ReviewStats {
  const where = reviewWhere(db, query);
  const byStatus: Record<ReviewStatus, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const r of db.select({ status: caseReviewsState.status, n: count() }).from(caseReviewsState).where(where).groupBy(caseReviewsState.status).all())
    byStatus[r.status] = r.n;

  const acts = db
    .select({ caseId: reviews.caseId, reviewerId: reviews.reviewerId, name: reviews.reviewerName, decision: reviews.decision, reason: reviews.reason, current: sql<number>`${reviews.caseRevision} = ${caseReviewsState.revision}` })
    .from(reviews)
    .innerJoin(caseReviewsState, eq(caseReviewsState.caseId, reviews.caseId))
    .where(where)
    .orderBy(asc(reviews.id))
    .all();

  const latest = new Map<string, { item: string; rater: string; label: string; reason: string | null }>();
  const people = new Map<string, ReviewerActivity>();
  for (const a of acts) {
    const p = people.get(a.reviewerId) ?? { reviewerId: a.reviewerId, name: a.name, approve: 0, reject: 0, edit: 0, skip: 0 };
    p[a.decision as "approve" | "reject" | "edit" | "skip"] += 1;
    p.name = a.name || p.name;
    people.set(a.reviewerId, p);
    if (a.current && (a.decision === "approve" || a.decision === "reject"))
      latest.set(`${a.caseId}\u0000${a.reviewerId}`, { item: String(a.caseId), rater: a.reviewerId, label: a.decision, reason: a.reason });
  }
  const rejectReasons: Record<string, number> = {};
  for (const v of latest.values()) if (v.label === "reject" && v.reason) rejectReasons[v.reason] = (rejectReasons[v.reason] ?? 0) + 1;
  return {
    byStatus,
    agreement: agreementStats([...latest.values()]),
    reviewers: [...people.values()].sort((x, y) => x.name.localeCompare(y.name)),
    rejectReasons,
  };
}

/** Distinct values for the filter bar's pickers. */
export function reviewFacets({ db }: { db: Db }) {
  const distinct = (col: typeof cases.generator | typeof cases.personaId) =>
    db.selectDistinct({ v: col }).from(cases).where(and(sql`${col} IS NOT NULL`)).orderBy(asc(col)).limit(500).all().map((r) => r.v as string);
  return { generators: distinct(cases.generator), personas: distinct(cases.personaId) };
}
