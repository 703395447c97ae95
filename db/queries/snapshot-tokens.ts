import { createHash } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client";
import { jobs } from "../schema-jobs";
import { snapshotCases, snapshotTokens } from "../schema-datasets";
import { getDomainById, toSpec } from "./domains";
import { getSnapshot, snapshotRows } from "./snapshots";
import { loadTokenCounter, rowTokens, summarizeTokens, type TokenCounter, type TokenFormat, type TokenSummary } from "@/lib/export";
import type { DomainSpec } from "@/lib/domain/schema";

export type SnapshotTokensRow = typeof snapshotTokens.$inferSelect;

/** The job kind that fills this cache (lib/export/tokens-job.ts registers it). */
export const SNAPSHOT_TOKENS_KIND = "snapshot.tokens";

/** Bump when the counting changes (template, tokenizer, record builders): every cached count goes stale. */
const COUNTING_VERSION = "qwen3-1";

/** What the counts depend on besides the frozen cases: the domain as it is now, and how we count. */
export function domainHash(spec: DomainSpec): string {
  return createHash("sha256").update(COUNTING_VERSION).update(JSON.stringify(spec)).digest("hex");
}

const snapshotDomainHash = (db: Db, id: number) => domainHash(toSpec(getDomainById({ db, id: getSnapshot({ db, id }).domainId })));

/** The cached counts, or null when there are none or they were made with another domain. */
export function readSnapshotTokens({ db, id, format }: { db: Db; id: number; format: TokenFormat }): SnapshotTokensRow | null {
  const row = db.select().from(snapshotTokens).where(and(eq(snapshotTokens.snapshotId, id), eq(snapshotTokens.format, format))).get();
  return row && row.domainHash === snapshotDomainHash(db, id) ? row : null;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Counts every row of the snapshot as the export would (rowTokens) and stores the counts. The
 * in-process job runner shares the server's event loop, so the loop is handed back every ~25 ms.
 */
export async function computeSnapshotTokens(input: { db: Db; id: number; format: TokenFormat; counter?: TokenCounter; signal?: AbortSignal }): Promise<SnapshotTokensRow> {
  const { db, id, format, signal } = input;
  const started = performance.now();
  const counter = input.counter ?? (await loadTokenCounter());
  const hash = snapshotDomainHash(db, id);
  const counts: [number, number][] = [];
  let lastBreath = performance.now();
  for (const row of snapshotRows({ db, id })) {
    counts.push([Number(row.id), rowTokens(format, row, counter)]);
    if (performance.now() - lastBreath > 25) {
      await breathe();
      signal?.throwIfAborted();
      lastBreath = performance.now();
    }
  }
  const values = { snapshotId: id, format, domainHash: hash, counts, computeMs: Math.round(performance.now() - started), computedAt: new Date().toISOString() };
  return db
    .insert(snapshotTokens)
    .values(values)
    .onConflictDoUpdate({ target: [snapshotTokens.snapshotId, snapshotTokens.format], set: values })
    .returning()
    .get();
}

/** The cached counts, computed and stored first when missing or stale. */
export async function ensureSnapshotTokens(input: { db: Db; id: number; format: TokenFormat; counter?: TokenCounter }): Promise<SnapshotTokensRow> {
  return readSnapshotTokens(input) ?? computeSnapshotTokens(input);
}

/** The newest job that counts this snapshot's rows in this format, if any. */
export function latestTokensJob({ db, id, format }: { db: Db; id: number; format: TokenFormat }) {
  return db
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, SNAPSHOT_TOKENS_KIND), sql`json_extract(${jobs.input}, '$.snapshotId') = ${id}`, sql`json_extract(${jobs.input}, '$.format') = ${format}`))
    .orderBy(desc(jobs.id))
    .get();
}

export type OverBudgetRow = { caseId: number; tokens: number; task: string };
export type SnapshotTokenReport = Omit<TokenSummary, "over"> & { over: OverBudgetRow[]; overCount: number };

/** Summary of cached counts against `budget`: figures, bins and the longest `limit` over-budget rows with their tasks. */
export function tokenReport({ db, row, budget, limit = 100 }: { db: Db; row: SnapshotTokensRow; budget: number; limit?: number }): SnapshotTokenReport | null {
  const summary = summarizeTokens(row.counts.map(([caseId, tokens]) => ({ id: String(caseId), tokens })), budget);
  if (!summary) return null;
  const shown = summary.over.slice(0, limit).map((o) => ({ caseId: Number(o.id), tokens: o.tokens }));
  const tasks = new Map(
    shown.length
      ? db
          .select({ caseId: snapshotCases.caseId, task: sql<string>`json_extract(${snapshotCases.data}, '$.task')` })
          .from(snapshotCases)
          .where(and(eq(snapshotCases.snapshotId, row.snapshotId), inArray(snapshotCases.caseId, shown.map((o) => o.caseId))))
          .all()
          .map((r) => [r.caseId, r.task ?? ""])
      : [],
  );
  return { ...summary, over: shown.map((o) => ({ ...o, task: tasks.get(o.caseId) ?? "" })), overCount: summary.over.length };
}
