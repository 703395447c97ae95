import { sqliteTable, text, integer, real, uniqueIndex, primaryKey } from "drizzle-orm/sqlite-core";
import { domains } from "./schema";
import type { Split } from "@/lib/export";

const now = () => new Date().toISOString();

/** What a snapshot selected: kept so a snapshot says how it was made. */
export type SnapshotSelection = { domainSlug: string; status: "verified"; approvedOnly: boolean };

/**
 * An immutable, versioned dataset: a frozen selection of one domain's cases with a seeded
 * train/validation split and a content hash (lib/export snapshotHash). Versions count per domain.
 */
export const snapshots = sqliteTable(
  "snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    domainId: integer("domain_id")
      .notNull()
      .references(() => domains.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    version: integer("version").notNull(),
    selection: text("selection", { mode: "json" }).$type<SnapshotSelection>().notNull(),
    seed: integer("seed").notNull(),
    validationRatio: real("validation_ratio").notNull(),
    hash: text("hash").notNull(),
    cases: integer("cases").notNull(),
    train: integer("train").notNull(),
    validation: integer("validation").notNull(),
    createdAt: text("created_at").notNull().$defaultFn(now),
    createdBy: text("created_by").notNull().default(""),
  },
  (t) => [uniqueIndex("snapshots_domain_version").on(t.domainId, t.version)],
);

/**
 * The cases of a snapshot, each with a frozen copy of its TestCase JSON: editing or deleting the
 * case later does not change the snapshot (so case_id is no foreign key).
 */
export const snapshotCases = sqliteTable(
  "snapshot_cases",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    caseId: integer("case_id").notNull(),
    split: text("split").$type<Split>().notNull(),
    data: text("data", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.caseId] })],
);

/**
 * Qwen3 token counts of a snapshot's rows in one export format, computed once (a job) and kept:
 * the cases are frozen, but the prompt also holds the domain's policy and tools, which are read as
 * they are now, so `domainHash` says which domain the counts were made with (a later edit makes
 * them stale). Per-row counts, not a summary, so any budget is a lookup.
 */
export const snapshotTokens = sqliteTable(
  "snapshot_tokens",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => snapshots.id, { onDelete: "cascade" }),
    format: text("format").$type<"verl" | "chat">().notNull(),
    domainHash: text("domain_hash").notNull(),
    /** [case id, tokens] per row, in case order. */
    counts: text("counts", { mode: "json" }).$type<[number, number][]>().notNull(),
    computeMs: integer("compute_ms").notNull(),
    computedAt: text("computed_at").notNull().$defaultFn(now),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.format] })],
);
