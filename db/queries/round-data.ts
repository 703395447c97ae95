import { and, asc, count, eq, inArray, max } from "drizzle-orm";
import type { Db } from "../client";
import { cases } from "../schema";
import { snapshotCases, snapshots } from "../schema-datasets";
import { caseReviewsState } from "../schema-review";
import { evalResults } from "../schema-train";
import { problems } from "../schema-reasoning";
import { getDomainBySlug } from "./domains";
import { SnapshotHasher, type Split } from "@/lib/export";
import { DomainError } from "@/lib/errors";
import type { SnapshotRecord } from "@/lib/rounds/records";

/** One case of a frozen set: its case id, split and TestCase JSON. */
export type FrozenRow = { caseId: number; split: Split; data: Record<string, unknown> };

const CHUNK = 500;
function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += CHUNK) out.push(xs.slice(i, i + CHUNK));
  return out;
}

export const kindCounts = (rows: Iterable<{ data: Record<string, unknown> }>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const kind = String(r.data.expected_outcome ?? "");
    out[kind] = (out[kind] ?? 0) + 1;
  }
  return out;
};

/**
 * Freezes a round's cases as a new snapshot version of the domain: the rows are given (kept
 * training cases, new cases, the held-out set), so the split is the round's, not a fresh plan.
 * The hash is the snapshot hash every snapshot carries (content only: same cases, same hash).
 */
export function freezeSnapshot({ db, domainSlug, rows, seed, approvedOnly, createdBy = "" }: {
  db: Db; domainSlug: string; rows: FrozenRow[]; seed: number; approvedOnly: boolean; createdBy?: string;
}): SnapshotRecord {
  const domain = getDomainBySlug({ db, slug: domainSlug });
  const ids = new Set<number>();
  for (const r of rows) {
    if (ids.has(r.caseId)) throw new DomainError("internal", `case ${r.caseId} was listed twice in the round's snapshot of ${domainSlug}`);
    ids.add(r.caseId);
  }
  if (!rows.some((r) => r.split === "train")) throw new DomainError("invalid", `The round has no training cases left for ${domainSlug} (the policy solves all of them, or none was approved).`);
  const hash = snapshotHashOf(rows);
  const train = rows.filter((r) => r.split === "train").length;
  const validation = rows.length - train;
  return db.transaction((tx) => {
    const version = (tx.select({ v: max(snapshots.version) }).from(snapshots).where(eq(snapshots.domainId, domain.id)).get()?.v ?? 0) + 1;
    const { id } = tx
      .insert(snapshots)
      .values({
        domainId: domain.id, name: `${domainSlug} v${version}`, version, selection: { domainSlug, status: "verified", approvedOnly }, seed,
        validationRatio: rows.length ? validation / rows.length : 0, hash, cases: rows.length, train, validation, createdBy,
      })
      .returning({ id: snapshots.id })
      .get();
    for (const r of rows) tx.insert(snapshotCases).values({ snapshotId: id, caseId: r.caseId, split: r.split, data: r.data }).run();
    return { domain: domainSlug, snapshotId: id, hash, cases: rows.length, train, validation, byKind: kindCounts(rows.filter((r) => r.split === "train")) };
  });
}

/** The snapshot hash of rows (what freezeSnapshot would record), without storing anything. */
export function snapshotHashOf(rows: Iterable<{ data: Record<string, unknown> }>): string {
  const hasher = new SnapshotHasher();
  for (const r of rows) hasher.add(r.data);
  return hasher.digest();
}

/** A snapshot's frozen rows, in case order. */
export function frozenRows({ db, snapshotId }: { db: Db; snapshotId: number }): FrozenRow[] {
  return db.select({ caseId: snapshotCases.caseId, split: snapshotCases.split, data: snapshotCases.data }).from(snapshotCases).where(eq(snapshotCases.snapshotId, snapshotId)).orderBy(asc(snapshotCases.caseId)).all();
}

/** Stored cases by id (the new cases of a round), in id order; a missing id is an error naming it. */
export function caseRowsById({ db, ids }: { db: Db; ids: number[] }) {
  const rows = chunks(ids).flatMap((part) => db.select().from(cases).where(inArray(cases.id, part)).all());
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw new DomainError("not_found", `Case${missing.length > 1 ? "s" : ""} ${missing.slice(0, 5).join(", ")} no longer exist${missing.length > 1 ? "" : "s"} (deleted since the round made them).`);
  return rows.sort((a, b) => a.id - b.id);
}

/** Every trial of an evaluation, passes included (failure mining needs the denominators). */
export function evalTrials({ db, evalId }: { db: Db; evalId: number }) {
  return db.select().from(evalResults).where(eq(evalResults.evalId, evalId)).orderBy(asc(evalResults.id)).all();
}

export type StatusCounts = { pending: number; approved: number; rejected: number };
const tally = (rows: { status: string; n: number }[]): StatusCounts => {
  const out: StatusCounts = { pending: 0, approved: 0, rejected: 0 };
  for (const r of rows) if (r.status in out) out[r.status as keyof StatusCounts] += r.n;
  return out;
};

/** Review states of some cases: pending, approved, rejected. */
export function caseReviewCounts({ db, ids }: { db: Db; ids: number[] }): StatusCounts {
  return tally(chunks(ids).flatMap((part) => db.select({ status: caseReviewsState.status, n: count() }).from(caseReviewsState).where(inArray(caseReviewsState.caseId, part)).groupBy(caseReviewsState.status).all()));
}

/** The ids among `ids` whose review state is `status`. */
export function casesWithStatus({ db, ids, status }: { db: Db; ids: number[]; status: "pending" | "approved" | "rejected" }): number[] {
  return chunks(ids).flatMap((part) => db.select({ id: caseReviewsState.caseId }).from(caseReviewsState).where(and(inArray(caseReviewsState.caseId, part), eq(caseReviewsState.status, status))).all().map((r) => r.id));
}

/** Review states of some reasoning problems. */
export function problemReviewCounts({ db, ids }: { db: Db; ids: string[] }): StatusCounts {
  return tally(chunks(ids).flatMap((part) => db.select({ status: problems.status, n: count() }).from(problems).where(inArray(problems.id, part)).groupBy(problems.status).all()));
}

export function problemsWithStatus({ db, ids, status }: { db: Db; ids: string[]; status: "pending" | "approved" | "rejected" }): string[] {
  return chunks(ids).flatMap((part) => db.select({ id: problems.id }).from(problems).where(and(inArray(problems.id, part), eq(problems.status, status))).all().map((r) => r.id));
}

/** A domain's verified cases per branch kind (what a first round would freeze). */
export function verifiedByKind({ db, slug }: { db: Db; slug: string }): Record<string, number> {
  const domain = getDomainBySlug({ db, slug });
  const rows = db.select({ kind: cases.outcome, n: count() }).from(cases).where(and(eq(cases.domainId, domain.id), eq(cases.status, "verified"))).groupBy(cases.outcome).all();
  return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
}

/**
 * A domain's verified cases on branches none of `covered` ("treeId:branchId") has: branches a
 * curator added since (an accepted expansion, a new tree), as frozen rows for a round's input.
 */
export function uncoveredBranchRows({ db, slug, covered }: { db: Db; slug: string; covered: Set<string> }): FrozenRow[] {
  const domain = getDomainBySlug({ db, slug });
  const rows = db.select({ id: cases.id, treeId: cases.treeId, branchId: cases.branchId, data: cases.data }).from(cases).where(and(eq(cases.domainId, domain.id), eq(cases.status, "verified"))).orderBy(asc(cases.id)).all();
  return rows.filter((r) => !covered.has(`${r.treeId ?? "-"}:${r.branchId}`)).map((r) => ({ caseId: r.id, split: "train" as const, data: r.data }));
}
