import { z } from "zod";
import { studioDb } from "@/db";
import type { Db } from "@/db/client";
import { getSnapshot } from "@/db/queries/snapshots";
import { computeSnapshotTokens, latestTokensJob, readSnapshotTokens, SNAPSHOT_TOKENS_KIND, tokenReport, type SnapshotTokenReport } from "@/db/queries/snapshot-tokens";
import { getJobProgress } from "@/lib/jobs/progress";
import { enqueueJob } from "@/lib/jobs/control";
import { registerJobKind } from "@/lib/jobs/registry";
import { TOKEN_BUDGETS, TOKEN_SCOPE } from "./export";
import { TOKEN_FORMATS, type TokenFormat } from "./row-tokens";

/**
 * `snapshot.tokens`: one item, the Qwen3 token count of every row of a snapshot in one format,
 * stored in snapshot_tokens. A job, not a request: the tokenizer takes ~2.5 s to load and a
 * 1,000-case snapshot ~5 s (verl) to ~8 s (chat) to count on this machine. A re-run after a crash
 * recounts and overwrites the same row.
 */
export const SnapshotTokensInput = z.object({ snapshotId: z.number().int().positive(), format: z.enum(TOKEN_FORMATS) });
export type SnapshotTokensInput = z.infer<typeof SnapshotTokensInput>;

export const snapshotTokensJob = registerJobKind<SnapshotTokensInput, SnapshotTokensInput, { rows: number; computeMs: number }>({
  kind: SNAPSHOT_TOKENS_KIND,
  parseInput: (raw) => SnapshotTokensInput.parse(raw),
  prepareItems: (input) => [input],
  concurrency: 1,
  async runItem({ snapshotId, format }, { signal }) {
    const row = await computeSnapshotTokens({ db: studioDb(), id: snapshotId, format, signal });
    return { rows: row.counts.length, computeMs: row.computeMs };
  },
});

type Common = { format: TokenFormat; scope: string; budget: number };
/** What the datasets page gets: the report once counted, else the job that is counting (or why it failed). */
export type SnapshotTokensState = Common &
  (
    | { status: "ready"; computedAt: string; computeMs: number; report: SnapshotTokenReport | null }
    | { status: "computing"; jobId: number; jobStatus: string; rows: number }
    | { status: "failed"; jobId: number; error: string }
  );

/**
 * The cached report, or the job that will make it: started here the first time it is asked for
 * (and again when the domain changed since, or the last job was stopped). A failed job is
 * reported, not retried on every poll, unless `retry` asks for it.
 */
export async function snapshotTokensState(input: { db: Db; id: number; format: TokenFormat; budget?: number; retry?: boolean }): Promise<SnapshotTokensState> {
  const { db, id, format, retry = false } = input;
  const snapshot = getSnapshot({ db, id }); // a missing snapshot is a 404, not a job
  const common: Common = { format, scope: TOKEN_SCOPE[format], budget: input.budget ?? TOKEN_BUDGETS[format] };
  const cached = readSnapshotTokens({ db, id, format });
  if (cached) return { ...common, status: "ready", computedAt: cached.computedAt, computeMs: cached.computeMs, report: tokenReport({ db, row: cached, budget: common.budget }) };

  const last = latestTokensJob({ db, id, format });
  if (last && (last.status === "queued" || last.status === "running")) return { ...common, status: "computing", jobId: last.id, jobStatus: last.status, rows: snapshot.cases };
  if (last?.status === "failed" && !retry) {
    const progress = getJobProgress({ db, id: last.id });
    return { ...common, status: "failed", jobId: last.id, error: progress.errors[0]?.error ?? progress.error ?? "the token count failed" };
  }
  const job = await enqueueJob({ db, kind: SNAPSHOT_TOKENS_KIND, input: { snapshotId: id, format } });
  return { ...common, status: "computing", jobId: job.id, jobStatus: job.status, rows: snapshot.cases };
}
