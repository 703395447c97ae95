import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { cases } from "./schema";
import type { ReviewStatus } from "@/lib/review/schema";

const now = () => new Date().toISOString();

/**
 * Every review action on a case, append-only: approve / reject (votes), edit, skip. A reviewer's
 * latest vote at the case's current revision is the one that counts (lib/review/votes).
 * `reviewerId` is the account id; `reviewerName` a snapshot of its name for display.
 */
export const reviews = sqliteTable(
  "reviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    caseId: integer("case_id")
      .notNull()
      .references(() => cases.id, { onDelete: "cascade" }),
    reviewerId: text("reviewer_id").notNull(),
    reviewerName: text("reviewer_name").notNull().default(""),
    /** approve | reject | edit | skip */
    decision: text("decision").notNull(),
    reason: text("reason"),
    note: text("note").notNull().default(""),
    caseRevision: integer("case_revision").notNull().default(0),
    createdAt: text("created_at").notNull().$defaultFn(now),
  },
  (t) => [index("reviews_case_idx").on(t.caseId, t.id), index("reviews_reviewer_case_idx").on(t.reviewerId, t.caseId)],
);

/**
 * The review state of each case, one row per case, plus copies of the `cases` columns the review
 * filters read. Triggers in migration 0006_review add the row when a case is inserted (whoever
 * inserts it) and keep the copies in step, so the queue filters, counts and pages on this narrow
 * table (cases rows hold the whole case JSON, ~17 KB each) and reads `cases` only for the rows
 * shown. The same migration keeps `case_search`, an FTS5 trigram index of the request and
 * backgrounds, in step with `cases`.
 */
export const caseReviewsState = sqliteTable(
  "case_reviews_state",
  {
    caseId: integer("case_id")
      .primaryKey()
      .references(() => cases.id, { onDelete: "cascade" }),
    status: text("status").$type<ReviewStatus>().notNull().default("pending"),
    /** Bumped by every edit; votes on an older revision stop counting. */
    revision: integer("revision").notNull().default(0),
    approvals: integer("approvals").notNull().default(0),
    rejections: integer("rejections").notNull().default(0),
    updatedAt: text("updated_at"),
    /** Copies of cases.domain_id, tree_id, outcome, status, generator, persona_id (by trigger). */
    domainId: integer("domain_id"),
    treeId: integer("tree_id"),
    outcome: text("outcome").notNull().default(""),
    proofStatus: text("proof_status").notNull().default(""),
    generator: text("generator").notNull().default(""),
    personaId: text("persona_id"),
  },
  (t) => [
    index("crs_status_domain_idx").on(t.status, t.domainId),
    index("crs_domain_outcome_idx").on(t.domainId, t.outcome),
    index("crs_outcome_idx").on(t.outcome),
    index("crs_tree_idx").on(t.treeId),
    index("crs_generator_idx").on(t.generator),
    index("crs_persona_idx").on(t.personaId),
  ],
);

/** Who changed what and when, for any entity; before/after hold the changed parts only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id").notNull(),
    actorName: text("actor_name").notNull().default(""),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    before: text("before", { mode: "json" }).$type<Record<string, unknown> | null>(),
    after: text("after", { mode: "json" }).$type<Record<string, unknown> | null>(),
    at: text("at").notNull().$defaultFn(now),
  },
  (t) => [index("audit_log_entity_idx").on(t.entity, t.entityId, t.id)],
);
