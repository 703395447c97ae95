import type { Db } from "@/db/client";
import { insertJob, reopenJob, stopJob, type JobRow } from "@/db/queries/jobs";
import { DomainError, isDomainError } from "@/lib/errors";
import { loadJobKinds } from "./kinds";
import { getJobKind, type JobKind } from "./registry";
import { activeRunners } from "./runner";

function parseInput(def: JobKind, raw: unknown): unknown {
  if (!def.parseInput) return raw;
  try {
    return def.parseInput(raw);
  } catch (e) {
    if (isDomainError(e)) throw e;
    const issues = (e as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    const message = issues ? issues.map((i) => `${i.path.map(String).join(".") || "input"}: ${i.message}`).join("; ") : (e as Error).message;
    throw new DomainError("invalid", `Invalid input for job kind "${def.kind}": ${message}`, issues);
  }
}

async function itemsOf(def: JobKind, input: unknown): Promise<unknown[]> {
  const items = def.prepareItems ? await def.prepareItems(input) : (input as { items?: unknown } | null)?.items;
  if (!Array.isArray(items)) throw new DomainError("invalid", `Job kind "${def.kind}" has no prepareItems, so its input needs an "items" array.`);
  return items;
}

/** Validates the input, splits it into items and stores the job; a runner picks it up. */
export async function enqueueJob({ db, kind, input }: { db: Db; kind: string; input: unknown }): Promise<JobRow> {
  await loadJobKinds();
  const def = getJobKind(kind);
  const parsed = parseInput(def, input);
  const job = insertJob({ db, kind, input: parsed, items: await itemsOf(def, parsed) });
  for (const runner of activeRunners) runner.tick();
  return job;
}

/** Cancels a job: done items are kept, in-flight runs are aborted and discarded, the rest stay pending. */
export function cancelJob({ db, id }: { db: Db; id: number }): JobRow {
  const job = stopJob({ db, id, status: "cancelled" });
  for (const runner of activeRunners) runner.abortJob(id);
  return job;
}

/** Like cancel, but says the job is meant to go on. */
export function pauseJob({ db, id }: { db: Db; id: number }): JobRow {
  const job = stopJob({ db, id, status: "paused" });
  for (const runner of activeRunners) runner.abortJob(id);
  return job;
}

/** Queues a stopped or finished job again from where it stopped (`retryFailed` re-runs its failed items). */
export function resumeJob({ db, id, retryFailed = false }: { db: Db; id: number; retryFailed?: boolean }): JobRow {
  const job = reopenJob({ db, id, retryFailed });
  for (const runner of activeRunners) runner.tick();
  return job;
}
