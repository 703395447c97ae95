import { sqliteTable, text, integer, real, index } from "drizzle-orm/sqlite-core";
import type { Problem } from "@/lib/reasoning/schema";

const now = () => new Date().toISOString();

/**
 * Reasoning problems, verified and rejected alike (a rejected variant keeps its reason and its
 * solvers' answers). `data` holds the whole Problem; the columns are what the library filters
 * and the family tree walks on. `status` is the review state, as for cases.
 */
export const problems = sqliteTable(
  "problems",
  {
    id: text("id").primaryKey(),
    domain: text("domain"),
    kind: text("kind").notNull(),
    source: text("source").notNull(),
    verdict: text("verdict").notNull(),
    reason: text("reason").notNull().default(""),
    status: text("status").$type<"pending" | "approved" | "rejected">().notNull().default("pending"),
    parentId: text("parent_id"),
    rootId: text("root_id").notNull(),
    mutation: text("mutation"),
    round: integer("round").notNull().default(0),
    difficulty: real("difficulty").notNull(),
    toolCalls: integer("tool_calls").notNull().default(0),
    statement: text("statement").notNull(),
    data: text("data", { mode: "json" }).$type<Problem>().notNull(),
    reviewedBy: text("reviewed_by"),
    createdAt: text("created_at").notNull().$defaultFn(now),
  },
  (t) => [index("problems_domain_idx").on(t.domain, t.verdict), index("problems_root_idx").on(t.rootId), index("problems_parent_idx").on(t.parentId)],
);

/** One evaluation of one policy on a set of problems: k samples each. */
export const problemEvals = sqliteTable("problem_evals", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  domain: text("domain"),
  policy: text("policy").notNull(),
  round: integer("round").notNull().default(0),
  samples: integer("samples").notNull(),
  summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
  createdAt: text("created_at").notNull().$defaultFn(now),
});

/** A policy's measured pass rate on one problem in one evaluation (the difficulty record's measurements). */
export const problemPassRates = sqliteTable(
  "problem_pass_rates",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    evalId: integer("eval_id")
      .notNull()
      .references(() => problemEvals.id, { onDelete: "cascade" }),
    problemId: text("problem_id")
      .notNull()
      .references(() => problems.id, { onDelete: "cascade" }),
    policy: text("policy").notNull(),
    round: integer("round").notNull().default(0),
    samples: integer("samples").notNull(),
    successes: integer("successes").notNull(),
    rate: real("rate").notNull(),
  },
  (t) => [index("problem_pass_rates_eval_idx").on(t.evalId), index("problem_pass_rates_problem_idx").on(t.problemId)],
);
