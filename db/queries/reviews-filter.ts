import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db } from "../client";
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

const s = caseReviewsState;
/** The state row of a reviewed case, to match a review to the revision it judged. */
const acted = alias(caseReviewsState, "acted");

/**
 * Text search through the FTS5 trigram index (migration 0006): a quoted phrase matches any
 * substring of 3+ characters, case-insensitively, through the index (ReviewFilter asks for 3).
 */
function textMatch(q: string): SQL {
  return sql`${s.caseId} IN (SELECT rowid FROM case_search WHERE case_search MATCH ${`"${q.replaceAll('"', '""')}"`})`;
}

/**
 * The WHERE clause for a review query, over case_reviews_state alone (its copies of the cases
 * columns), so that filtering, counting and paging never read the wide case rows.
 */
export function reviewWhere(db: Db, q: ReviewQuery): SQL | undefined {
  const parts: (SQL | undefined)[] = [
    q.domainId !== undefined ? eq(s.domainId, q.domainId) : undefined,
    q.treeId !== undefined ? eq(s.treeId, q.treeId) : undefined,
    q.outcome ? eq(s.outcome, q.outcome) : undefined,
    q.status ? eq(s.proofStatus, q.status) : undefined,
    q.generator ? eq(s.generator, q.generator) : undefined,
    q.personaId ? eq(s.personaId, q.personaId) : undefined,
    q.review ? eq(s.status, q.review) : undefined,
    // Uncorrelated subqueries: SQLite builds each id set once from the reviews index, then probes it.
    q.reviewerId ? inArray(s.caseId, db.select({ id: reviews.caseId }).from(reviews).where(eq(reviews.reviewerId, q.reviewerId))) : undefined,
    q.todoFor
      ? and(
          eq(s.status, "pending"),
          notInArray(
            s.caseId,
            db
              .select({ id: reviews.caseId })
              .from(reviews)
              .innerJoin(acted, and(eq(acted.caseId, reviews.caseId), eq(acted.revision, reviews.caseRevision)))
              .where(and(eq(reviews.reviewerId, q.todoFor), inArray(reviews.decision, VERDICTS))),
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
