import { sqliteTable, text, integer, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import type { ProjectBackend, ProjectSettings, RoundStatus, RoundStep, StepState } from "@/lib/rounds/schema";
import type { RoundInputs, RoundOutput, RoundResults } from "@/lib/rounds/records";

const now = () => new Date().toISOString();

/**
 * A flywheel project: domains, a base model, a backend and the settings its rounds share
 * (review required, selection band, seed …).
 */
export const projects = sqliteTable("projects", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  domains: text("domains", { mode: "json" }).$type<string[]>().notNull(),
  backend: text("backend").$type<ProjectBackend>().notNull(),
  baseModel: text("base_model").notNull(),
  settings: text("settings", { mode: "json" }).$type<ProjectSettings>().notNull(),
  createdBy: text("created_by").notNull().default(""),
  createdAt: text("created_at").notNull().$defaultFn(now),
});

/**
 * One round of a project: its frozen inputs, each step's state (and job), what the steps found
 * and made, and the output that feeds the next round. A closed round is immutable: a trigger in
 * the migration refuses any update or delete of a row whose status is 'closed'.
 */
export const rounds = sqliteTable(
  "rounds",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    number: integer("number").notNull(),
    status: text("status").$type<RoundStatus>().notNull().default("open"),
    /** The step that runs next (or is running, waiting, failed). */
    step: text("step").$type<RoundStep>().notNull().default("prepare"),
    seed: integer("seed").notNull(),
    inputs: text("inputs", { mode: "json" }).$type<RoundInputs | null>(),
    steps: text("steps", { mode: "json" }).$type<Partial<Record<RoundStep, StepState>>>().notNull(),
    results: text("results", { mode: "json" }).$type<RoundResults>().notNull(),
    output: text("output", { mode: "json" }).$type<RoundOutput | null>(),
    error: text("error"),
    createdBy: text("created_by").notNull().default(""),
    createdAt: text("created_at").notNull().$defaultFn(now),
    closedAt: text("closed_at"),
  },
  (t) => [uniqueIndex("rounds_project_number").on(t.projectId, t.number), index("rounds_status_idx").on(t.status)],
);
