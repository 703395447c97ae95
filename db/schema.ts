import { sqliteTable, text, integer, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import type { Database, ToolSpec, UserFact } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";

const now = () => new Date().toISOString();

export const domains = sqliteTable("domains", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  description: text("description").notNull().default(""),
  policy: text("policy").notNull().default(""),
  tools: text("tools", { mode: "json" }).$type<ToolSpec[]>().notNull(),
  userFacts: text("user_facts", { mode: "json" }).$type<UserFact[]>().notNull(),
  db: text("db", { mode: "json" }).$type<Database>().notNull(),
  createdAt: text("created_at").notNull().$defaultFn(now),
  updatedAt: text("updated_at").notNull().$defaultFn(now),
});

export const trees = sqliteTable(
  "trees",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    domainId: integer("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The current revision number; a save must name it (optimistic concurrency). */
    revision: integer("revision").notNull().default(1),
    document: text("document", { mode: "json" }).$type<TreeDoc>().notNull(),
    createdAt: text("created_at").notNull().$defaultFn(now),
    updatedAt: text("updated_at").notNull().$defaultFn(now),
  },
  (t) => [index("trees_domain_idx").on(t.domainId)],
);

/** Every saved revision of a tree, kept so it can be diffed and restored. */
export const treeRevisions = sqliteTable(
  "tree_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    treeId: integer("tree_id")
      .notNull()
      .references(() => trees.id, { onDelete: "cascade" }),
    revision: integer("revision").notNull(),
    document: text("document", { mode: "json" }).$type<TreeDoc>().notNull(),
    message: text("message").notNull().default(""),
    createdAt: text("created_at").notNull().$defaultFn(now),
  },
  (t) => [uniqueIndex("tree_revisions_tree_rev").on(t.treeId, t.revision)],
);

/** The persona library ({persona, id} lines, as in the paper's persona file). */
export const personas = sqliteTable("personas", {
  id: text("id").primaryKey(),
  persona: text("persona").notNull(),
  source: text("source").notNull().default("seed"),
  createdAt: text("created_at").notNull().$defaultFn(now),
});

/**
 * Test cases: one per synthesized branch (or per imported record). `data` holds the whole
 * TestCase JSON; the indexed columns are what lists filter on.
 */
export const cases = sqliteTable(
  "cases",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    domainId: integer("domain_id").references(() => domains.id, { onDelete: "cascade" }),
    treeId: integer("tree_id").references(() => trees.id, { onDelete: "set null" }),
    treeRevision: integer("tree_revision"),
    branchId: text("branch_id").notNull(),
    outcome: text("outcome").notNull(),
    /** verified | unverified (the proof failed; `reason` says why). */
    status: text("status").notNull(),
    reason: text("reason").notNull().default(""),
    /** synth | import */
    source: text("source").notNull().default("synth"),
    generator: text("generator").notNull().default("deterministic"),
    personaId: text("persona_id"),
    /** For imports: the batch (file) it came from. */
    importBatch: text("import_batch"),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: text("created_at").notNull().$defaultFn(now),
  },
  (t) => [index("cases_domain_idx").on(t.domainId), index("cases_tree_idx").on(t.treeId), index("cases_status_idx").on(t.status)],
);
