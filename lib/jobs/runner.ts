import type { Db } from "@/db/client";
import { getJob, noteJobError, type JobItemRow, type JobRow, type Usage } from "@/db/queries/jobs";
import { claimItems, countOpenItems, listRunningOwners, recordItem, recoverStaleItems, releaseItems, renewLeases, type ItemOutcome } from "@/db/queries/job-items";
import { DEFAULT_CONCURRENCY, findJobKind, listJobKinds, type JobKind } from "./registry";
import { isOwnerDead, newOwnerId } from "./owner";

export type RunnerOptions = {
  db: Db;
  /** Items run at once per kind; overrides each kind's own `concurrency`. */
  concurrency?: number;
  /** Only these kinds (default: every registered kind). */
  kinds?: string[];
  /** How often an idle runner looks for work and for dead workers' items. */
  pollMs?: number;
  /** How long a claim lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  /** Runs an item gets before a crash-looping item is failed instead of retried. */
  maxAttempts?: number;
  log?: (line: string) => void;
};

type Inflight = { item: JobItemRow; kind: string; controller: AbortController; settled: Promise<void> };

const ZERO: Usage = { promptTokens: 0, completionTokens: 0, cost: 0 };

// Every runner in this process, so a cancel from a route handler aborts in-flight runs at once
// (a runner in another process notices at its next lease renewal).
const store = globalThis as typeof globalThis & { __flywheelJobRunners?: Set<JobRunner> };
export const activeRunners = (store.__flywheelJobRunners ??= new Set());

/** A bounded worker pool over the jobs tables. The worker command and the Next server both use it. */
export class JobRunner {
  readonly owner = newOwnerId();
  private readonly inflight = new Map<number, Inflight>();
  private readonly jobInputs = new Map<number, unknown>();
  private timers: NodeJS.Timeout[] = [];
  private running = false;
  private wake: (() => void) | undefined;
  private readonly pollMs: number;
  private readonly leaseMs: number;

  constructor(private readonly opts: RunnerOptions) {
    this.pollMs = opts.pollMs ?? 500;
    this.leaseMs = opts.leaseMs ?? 30_000;
  }

  get inflightCount(): number {
    return this.inflight.size;
  }

  /** Recovers dead workers' items, then keeps the pool full until `stop`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    activeRunners.add(this);
    this.tick();
    this.timers.push(setInterval(() => this.tick(), this.pollMs));
    this.timers.push(setInterval(() => this.renew(), Math.max(50, this.leaseMs / 3)));
  }

  /** Aborts in-flight runs and gives their items back to pending (their results are discarded). */
  async stop(graceMs = 5_000): Promise<void> {
    this.running = false;
    activeRunners.delete(this);
    this.timers.forEach(clearInterval);
    this.timers = [];
    const runs = [...this.inflight.values()];
    this.abort(runs);
    await Promise.race([Promise.all(runs.map((r) => r.settled)), new Promise((r) => setTimeout(r, graceMs).unref())]);
    this.notify();
  }

  /** Runs until no item of this runner's kinds is pending and none is in flight here (`--once`). */
  async runUntilIdle(): Promise<void> {
    this.start();
    for (;;) {
      this.fill(); // dead workers' items were recovered at start and are on every poll tick
      if (this.inflight.size === 0 && countOpenItems({ db: this.opts.db, kinds: this.kinds() }).pending === 0) break;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.pollMs);
      });
    }
    await this.stop();
  }

  /** Aborts this runner's runs of one job (after it was cancelled or paused). */
  abortJob(jobId: number): void {
    this.abort([...this.inflight.values()].filter((r) => r.item.jobId === jobId));
  }

  /** Recovers stale items and claims work for every free slot. */
  tick(): void {
    if (!this.running) return;
    try {
      this.recover();
    } catch (e) {
      this.log(`job runner: recovery failed: ${(e as Error).message}`);
    }
    this.fill();
  }

  /** Claims work for every free slot. */
  private fill(): void {
    if (!this.running) return;
    try {
      for (const kind of this.kinds()) {
        const def = findJobKind(kind);
        if (!def) continue;
        const busy = [...this.inflight.values()].filter((r) => r.kind === kind).length;
        const limit = (this.opts.concurrency ?? def.concurrency ?? DEFAULT_CONCURRENCY) - busy;
        for (const item of claimItems({ db: this.opts.db, kind, owner: this.owner, limit, leaseMs: this.leaseMs })) this.launch(def, item);
      }
    } catch (e) {
      // A busy or locked database is retried at the next tick; the claims stay consistent.
      this.log(`job runner: ${(e as Error).message}`);
    }
  }

  private kinds(): string[] {
    return this.opts.kinds ?? listJobKinds();
  }

  private recover(): void {
    const now = Date.now();
    const owners = listRunningOwners({ db: this.opts.db });
    const liveHere = [...activeRunners].map((r) => r.owner);
    const dead = owners.filter((o) => o.owner !== this.owner && isOwnerDead(o.owner, { liveHere })).map((o) => o.owner);
    if (dead.length === 0 && !owners.some((o) => o.leaseUntil < now)) return;
    const r = recoverStaleItems({ db: this.opts.db, deadOwners: dead, maxAttempts: this.opts.maxAttempts ?? 3, now });
    if (r.released + r.failed > 0) this.log(`job runner: recovered ${r.released} item(s) from stopped workers, failed ${r.failed}`);
    for (const job of r.finishedJobs) void this.complete(job);
  }

  private launch(def: JobKind, item: JobItemRow): void {
    const controller = new AbortController();
    const run: Inflight = { item, kind: def.kind, controller, settled: Promise.resolve() };
    this.inflight.set(item.id, run);
    run.settled = this.execute(def, item, controller.signal).finally(() => {
      this.inflight.delete(item.id);
      this.fill();
      this.notify();
    });
  }

  private async execute(def: JobKind, item: JobItemRow, signal: AbortSignal): Promise<void> {
    const usage = { ...ZERO };
    const started = performance.now();
    let outcome: ItemOutcome;
    try {
      const jobInput = this.jobInput(item.jobId);
      const reportUsage = (u: Partial<Usage>) => {
        for (const key of ["promptTokens", "completionTokens", "cost"] as const) {
          const value = u[key] ?? 0;
          if (!Number.isFinite(value) || value < 0) throw new Error(`reportUsage: ${key} must be a finite number ≥ 0, got ${value}.`);
          usage[key] += value;
        }
      };
      const result = await def.runItem(item.input, { signal, jobInput, jobId: item.jobId, idx: item.idx, attempt: item.attempts, reportUsage });
      outcome = { status: "done", result: result ?? null };
    } catch (e) {
      outcome = { status: "failed", error: e instanceof Error ? e.message : String(e) };
    }
    if (signal.aborted) return; // cancelled, paused, lease lost or stopping: the item was given back
    try {
      const r = recordItem({ db: this.opts.db, itemId: item.id, owner: this.owner, outcome, usage, durationMs: Math.round(performance.now() - started) });
      if (r.finishedJob) await this.complete(r.finishedJob);
    } catch (e) {
      // Not recorded: the item stays ours until the lease runs out, then runs again.
      this.log(`job runner: could not record item ${item.idx} of job ${item.jobId}: ${(e as Error).message}`);
    }
  }

  private jobInput(jobId: number): unknown {
    if (!this.jobInputs.has(jobId)) this.jobInputs.set(jobId, getJob({ db: this.opts.db, id: jobId }).input);
    return this.jobInputs.get(jobId);
  }

  private async complete(job: JobRow): Promise<void> {
    this.jobInputs.delete(job.id);
    const def = findJobKind(job.kind);
    if (!def?.onComplete) return;
    try {
      await def.onComplete(job);
    } catch (e) {
      noteJobError({ db: this.opts.db, id: job.id, error: `completion hook failed: ${(e as Error).message}` });
    }
  }

  /** Renews this runner's leases; a run whose claim was taken away (cancel, expiry) is aborted. */
  private renew(): void {
    try {
      const ids = [...this.inflight.keys()];
      const held = new Set(renewLeases({ db: this.opts.db, owner: this.owner, itemIds: ids, leaseMs: this.leaseMs }));
      this.abort(ids.filter((id) => !held.has(id)).map((id) => this.inflight.get(id)!));
    } catch (e) {
      this.log(`job runner: lease renewal failed: ${(e as Error).message}`);
    }
  }

  private abort(runs: Inflight[]): void {
    if (runs.length === 0) return;
    for (const r of runs) r.controller.abort(new Error("The job was stopped."));
    try {
      releaseItems({ db: this.opts.db, owner: this.owner, itemIds: runs.map((r) => r.item.id) });
    } catch (e) {
      this.log(`job runner: could not give items back (their leases will expire): ${(e as Error).message}`);
    }
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private log(line: string): void {
    this.opts.log?.(line);
  }
}
