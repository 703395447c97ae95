import type { JobRow, Usage } from "@/db/queries/jobs";
import { DomainError } from "@/lib/errors";

export type { Usage };

/** What a running item gets besides its input. */
export type ItemContext<I> = {
  /** Aborted when the job is cancelled or paused, the lease is lost, or the runner stops. */
  signal: AbortSignal;
  jobInput: I;
  jobId: number;
  idx: number;
  /** 1 on the first run; higher after a crash or a retry. */
  attempt: number;
  /** Adds tokens and cost to this item's run; recorded together with its outcome. */
  reportUsage: (usage: Partial<Usage>) => void;
};

/**
 * A kind of job. `I` is the job input (ids and parameters), `T` one item's input, `R` one item's
 * result (JSON). `runItem` may run more than once for an item (after a crash its run is
 * repeated) but its result is recorded exactly once, so side effects outside the database must
 * be idempotent or cached.
 */
export type JobKind<I = unknown, T = unknown, R = unknown> = {
  kind: string;
  /** Validates and normalizes the input at enqueue time (a zod schema's `parse` fits). */
  parseInput?: (raw: unknown) => I;
  /** Splits the input into item inputs; without it the input must carry `items: T[]`. */
  prepareItems?: (input: I) => T[] | Promise<T[]>;
  runItem: (item: T, ctx: ItemContext<I>) => Promise<R>;
  /** Runs once, in the process that finished the last item; not re-run after a crash. */
  onComplete?: (job: JobRow) => void | Promise<void>;
  /** Items of this kind one runner runs at once (default 4). */
  concurrency?: number;
};

export const DEFAULT_CONCURRENCY = 4;

// On globalThis: Next.js bundles instrumentation and route handlers separately, and both must
// see one registry.
const store = globalThis as typeof globalThis & { __flywheelJobKinds?: Map<string, JobKind> };
const kinds = (store.__flywheelJobKinds ??= new Map());

/** Registers (or, on a module reload, replaces) a job kind. */
export function registerJobKind<I, T, R>(def: JobKind<I, T, R>): JobKind<I, T, R> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/.test(def.kind)) throw new DomainError("invalid", `Job kind "${def.kind}" must be dotted lowercase words, like "cases.generate".`);
  if (def.concurrency !== undefined && !(Number.isInteger(def.concurrency) && def.concurrency >= 1))
    throw new DomainError("invalid", `Job kind "${def.kind}": concurrency must be a whole number ≥ 1.`);
  kinds.set(def.kind, def as JobKind);
  return def;
}

export function getJobKind(kind: string): JobKind {
  const def = kinds.get(kind);
  if (!def) throw new DomainError("invalid", `Unknown job kind "${kind}". Known kinds: ${listJobKinds().join(", ") || "none"}.`);
  return def;
}

export const findJobKind = (kind: string): JobKind | undefined => kinds.get(kind);

export const listJobKinds = (): string[] => [...kinds.keys()].sort();
