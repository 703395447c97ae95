import { and, eq, exists, inArray, notExists, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { caseReviewsState, reviews } from "../schema-review";
import type { ReviewFilter, ReviewStatus } from "@/lib/review/schema";
import { getDomainBySlug } from "./domains";

/** The review queue's filter with names resolved to ids (the route resolves slugs and "me"). */
export type ReviewQuery = {
  domainId?: number;
  treeId?: number;
  outcome?: string;
  /** The proof: verified | unverified. */
  status?: string;
  generator?: string;
  personaId?: string;
  review?: ReviewStatus;
  /** Cases this account has acted on (any decision). */
  reviewerId?: string;
  /** Pending cases this account has not yet decided or skipped at their current revision. */
  todoFor?: string;
  /** A substring of the request or the backgrounds. */
  q?: string;
};

/** What takes a case off a reviewer's to-do list (an edit does not: the editor still decides). */
const VERDICTS = ["approve", "reject", "skip"];

/** Whether the query needs the review-state join (anything that reads the state row). */
export const needsState = (q: ReviewQuery) => q.review !== undefined || q.todoFor !== undefined;

/**
 * Text search through the FTS5 trigram index (migration 0006): a quoted phrase matches any
 * substring of 3+ characters through the index; shorter strings fall back to LIKE over the
 * index's own text (a scan of a small table, not of the case JSON).
 */
function textMatch(q: string): SQL {
  if ([...q].length >= 3) return sql`${cases.id} IN (SELECT rowid FROM case_search WHERE case_search MATCH ${`"${q.replaceAll('"', '""')}"`})`;
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql`${cases.id} IN (SELECT rowid FROM case_search WHERE body LIKE ${pattern} ESCAPE '\\')`;
}

/** The WHERE clause for a review query; with `needsState`, the caller joins case_reviews_state. */
export function reviewWhere(db: Db, q: ReviewQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    q.domainId !== undefined ? eq(cases.domainId, q.domainId) : undefined,
    q.treeId !== undefined ? eq(cases.treeId, q.treeId) : undefined,
    q.outcome ? eq(cases.outcome, q.outcome) : undefined,
    q.status ? eq(cases.status, q.status) : undefined,
    q.generator ? eq(cases.generator, q.generator) : undefined,
    q.personaId ? eq(cases.personaId, q.personaId) : undefined,
    q.review ? eq(caseReviewsState.status, q.review) : undefined,
    q.reviewerId ? exists(db.select({ one: sql`1` }).from(reviews).where(and(eq(reviews.reviewerId, q.reviewerId), eq(reviews.caseId, cases.id)))) : undefined,
    q.todoFor
      ? and(
          eq(caseReviewsState.status, "pending"),
          notExists(
            db
              .select({ one: sql`1` })
              .from(reviews)
              .where(and(eq(reviews.reviewerId, q.todoFor), eq(reviews.caseId, cases.id), eq(reviews.caseRevision, caseReviewsState.revision), inArray(reviews.decision, VERDICTS))),
          ),
        )
      : undefined,
    q.q ? textMatch(q.q) : undefined,
  ];
  const present = parts.filter((p): p is SQL => p !== undefined);
  return present.length ? and(...present) : undefined;
}

/** Resolves the API's filter (domain slug, reviewer "me", to-do) into a query for the signed-in user. */
export function resolveReviewFilter({ db, filter, userId }: { db: Db; filter: ReviewFilter; userId: string }): ReviewQuery {
  return {
    domainId: filter.domain ? getDomainBySlug({ db, slug: filter.domain }).id : undefined,
    treeId: filter.tree,
    outcome: filter.outcome,
    status: filter.status,
    generator: filter.generator,
    personaId: filter.persona,
    review: filter.review,
    reviewerId: filter.reviewer === "me" ? userId : filter.reviewer,
    todoFor: filter.todo ? userId : undefined,
    q: filter.q,
  };
}
