import { and, asc, count, desc, eq, gt, max } from "drizzle-orm";
import type { Db } from "../client";
import { domains } from "../schema";
import { caseReviewsState } from "../schema-review";
import { snapshotCases, snapshots, type SnapshotSelection } from "../schema-datasets";
import { getDomainById, getDomainBySlug, listTreesOfDomain, toSpec } from "./domains";
import { iterateCases } from "./cases";
import { CardStats, planSplit, SnapshotHasher, splitItem, type ExportRow, type SplitItem } from "@/lib/export";
import { DomainError } from "@/lib/errors";
import { treeShape } from "@/lib/tree/shape";
import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";

export type SnapshotRow = typeof snapshots.$inferSelect;
export type SnapshotSummary = SnapshotRow & { domainSlug: string };

export type CreateSnapshotInput = { db: Db; domainSlug: string; approvedOnly?: boolean; seed?: number; validationRatio?: number; createdBy?: string };

/** The ids of a domain's approved cases (the review state table holds "approved"). */
function approvedIds(db: Db, domainId: number): Set<number> {
  const rows = db.select({ id: caseReviewsState.caseId }).from(caseReviewsState).where(and(eq(caseReviewsState.domainId, domainId), eq(caseReviewsState.status, "approved"))).all();
  return new Set(rows.map((r) => r.id));
}

/**
 * Freezes a domain's verified cases (only approved ones with `approvedOnly`) into a new snapshot
 * version: a seeded grouped split (planSplit: no persona or branch straddles it), a content hash of
 * the copies, and a copy of each TestCase. One transaction: two passes over the cases (split
 * keys first, then the copies) see the same rows, and memory holds keys, never the case JSON.
 */
export function createSnapshot(input: CreateSnapshotInput): { id: number; version: number; cases: number; train: number; validation: number; hash: string } {
  const { db, domainSlug, approvedOnly = false, seed = 1, validationRatio = 0.1 } = input;
  if (!Number.isInteger(seed)) throw new DomainError("invalid", `seed must be an integer, got ${seed}`);
  if (!(validationRatio >= 0 && validationRatio <= 1)) throw new DomainError("invalid", `validationRatio must be between 0 and 1, got ${validationRatio}`);
  const domainRow = getDomainBySlug({ db, slug: domainSlug });
  const domain = toSpec(domainRow);
  return db.transaction(() => {
    const approved = approvedOnly ? approvedIds(db, domainRow.id) : null;
    const selected = () => filterApproved(iterateCases({ db, filter: { domainId: domainRow.id, status: "verified" } }), approved);
    const items: SplitItem[] = [];
    const hasher = new SnapshotHasher();
    for (const row of selected()) {
      const testCase = row.data as unknown as TestCase;
      items.push(splitItem({ id: String(row.id), testCase, domain }));
      hasher.add(testCase);
    }
    if (!items.length) throw new DomainError("invalid", `Domain "${domainSlug}" has no ${approvedOnly ? "approved, verified" : "verified"} cases to snapshot.`);
    const plan = planSplit(items, { seed, validationRatio });
    const version = (db.select({ v: max(snapshots.version) }).from(snapshots).where(eq(snapshots.domainId, domainRow.id)).get()?.v ?? 0) + 1;
    const selection: SnapshotSelection = { domainSlug, status: "verified", approvedOnly };
    const hash = hasher.digest();
    const { id } = db
      .insert(snapshots)
      .values({ domainId: domainRow.id, name: `${domainSlug} v${version}`, version, selection, seed, validationRatio, hash, cases: items.length, train: plan.counts.train, validation: plan.counts.validation, createdBy: input.createdBy ?? "" })
      .returning({ id: snapshots.id })
      .get();
    for (const row of selected()) {
      db.insert(snapshotCases).values({ snapshotId: id, caseId: row.id, split: plan.assignment.get(String(row.id)) ?? "train", data: row.data }).run();
    }
    return { id, version, cases: items.length, train: plan.counts.train, validation: plan.counts.validation, hash };
  });
}

function* filterApproved<T extends { id: number }>(rows: Iterable<T>, approved: Set<number> | null): Generator<T> {
  for (const r of rows) if (!approved || approved.has(r.id)) yield r;
}

const summaryColumns = { ...snapshotColumns(), domainSlug: domains.slug };
function snapshotColumns() {
  const { id, domainId, name, version, selection, seed, validationRatio, hash, cases: n, train, validation, createdAt, createdBy } = snapshots;
  return { id, domainId, name, version, selection, seed, validationRatio, hash, cases: n, train, validation, createdAt, createdBy };
}

/** Every snapshot, newest first, with its domain's slug. */
export function listSnapshots({ db }: { db: Db }): SnapshotSummary[] {
  return db.select(summaryColumns).from(snapshots).innerJoin(domains, eq(domains.id, snapshots.domainId)).orderBy(desc(snapshots.id)).all();
}

export function getSnapshot({ db, id }: { db: Db; id: number }): SnapshotSummary {
  const row = db.select(summaryColumns).from(snapshots).innerJoin(domains, eq(domains.id, snapshots.domainId)).where(eq(snapshots.id, id)).get();
  if (!row) throw new DomainError("not_found", `No snapshot with id ${id}.`);
  return row;
}

/**
 * A snapshot's frozen cases as export rows (id = case id), page by page in case order. The
 * domain (policy, tools, seed db) is read as it is now: snapshots freeze cases, not domains.
 */
export function* snapshotRows({ db, id, pageSize = 500 }: { db: Db; id: number; pageSize?: number }): Generator<ExportRow> {
  const snap = getSnapshot({ db, id });
  const domain: DomainSpec = toSpec(getDomainById({ db, id: snap.domainId }));
  let last = -1;
  for (;;) {
    const page = db.select().from(snapshotCases).where(and(eq(snapshotCases.snapshotId, id), gt(snapshotCases.caseId, last))).orderBy(asc(snapshotCases.caseId)).limit(pageSize).all();
    for (const r of page) yield { id: String(r.caseId), testCase: r.data as unknown as TestCase, domain, split: r.split };
    if (page.length < pageSize) return;
    last = page[page.length - 1].caseId;
  }
}

/** Card statistics of a snapshot (no token counts: those need an export). */
export function snapshotStats({ db, id }: { db: Db; id: number }): CardStats {
  const stats = new CardStats();
  for (const row of snapshotRows({ db, id })) stats.add(row, row.split ?? "train", null);
  return stats;
}

/** CardStats as plain JSON for the API and the datasets page (maps become sorted [key, count] lists). */
export type SnapshotStatsJson = {
  rows: number; bySplit: Record<string, number>; legal: number; violating: number; verified: number;
  byOutcome: [string, number][]; byBranch: [string, number][]; byPersona: [string, number][]; tokens: number[];
};

export function statsJson(stats: CardStats): SnapshotStatsJson {
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const { rows, bySplit, legal, violating, verified, tokens } = stats;
  return { rows, bySplit, legal, violating, verified, byOutcome: sorted(stats.byOutcome), byBranch: sorted(stats.byBranch), byPersona: sorted(stats.byPersona), tokens };
}

/** How many of a snapshot's cases are approved now (review state moves on; the snapshot does not). */
export function approvedInSnapshot({ db, id }: { db: Db; id: number }): number {
  return db
    .select({ n: count() })
    .from(snapshotCases)
    .innerJoin(caseReviewsState, eq(caseReviewsState.caseId, snapshotCases.caseId))
    .where(and(eq(snapshotCases.snapshotId, id), eq(caseReviewsState.status, "approved")))
    .get()!.n;
}

/** Depth and branching distributions of the snapshot's domain's trees, as they are now. */
export function snapshotTreeShape({ db, id }: { db: Db; id: number }) {
  const snapshot = getSnapshot({ db, id });
  return treeShape(listTreesOfDomain({ db, domainId: snapshot.domainId }).map((t) => t.document));
}
