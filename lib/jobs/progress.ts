import type { Db } from "@/db/client";
import { getProgressCounts, type Usage } from "@/db/queries/jobs";
import type { JobStatus } from "@/db/schema-jobs";
import { estimateEtaSeconds } from "./eta";

export type JobProgress = {
  id: number;
  kind: string;
  status: JobStatus;
  total: number;
  done: number;
  failed: number;
  pending: number;
  running: number;
  /** Null while nothing has finished yet, and for a stopped job. */
  etaSeconds: number | null;
  usage: Usage;
  /** The first 50 failed items, by index. */
  errors: { idx: number; error: string }[];
  /** The job's own error: why it failed, or how many items failed. */
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
};

export function getJobProgress({ db, id }: { db: Db; id: number }): JobProgress {
  const c = getProgressCounts({ db, id });
  const { job } = c;
  const isActive = job.status === "queued" || job.status === "running";
  const etaSeconds = estimateEtaSeconds({
    remaining: c.pending + c.running,
    meanItemMs: c.meanItemMs,
    // Runners may live in other processes: what runs now is the parallelism we can see.
    parallelism: isActive ? Math.max(c.running, 1) : 0,
  });
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    total: job.total,
    done: c.done,
    failed: c.failed,
    pending: c.pending,
    running: c.running,
    etaSeconds,
    usage: { promptTokens: job.promptTokens, completionTokens: job.completionTokens, cost: job.cost },
    errors: c.errors,
    error: job.error,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
