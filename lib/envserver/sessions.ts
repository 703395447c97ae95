import { DomainError } from "@/lib/errors";
import type { EnvSession } from "./session";

export interface SessionStoreOptions {
  /** Open sessions at most: WebSocket, MCP and REST sessions together (OpenEnv's max_concurrent_envs). */
  maxSessions?: number;
  /** A session unused this long is closed (OpenEnv's session_timeout). */
  idleTimeoutMs?: number;
  /** The clock (tests). */
  now?: () => number;
}

interface Entry {
  session: EnvSession;
  lastUsed: number;
  onExpire?: () => void;
}

export const DEFAULT_MAX_SESSIONS = 64;
export const DEFAULT_IDLE_TIMEOUT_MS = 10 * 60_000;
const REMEMBERED_EXPIRED = 1000;

/**
 * The open sessions of one server, with a capacity cap and an idle timeout. Expired ids are
 * remembered (a bounded few) so that a late request hears "expired", not "unknown".
 */
export class SessionStore {
  readonly maxSessions: number;
  readonly idleTimeoutMs: number;
  private readonly now: () => number;
  private readonly open = new Map<string, Entry>();
  private readonly expired = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: SessionStoreOptions = {}) {
    this.maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
    this.idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
    if (!(Number.isInteger(this.maxSessions) && this.maxSessions >= 1)) throw new DomainError("invalid", `maxSessions must be a positive integer, got ${this.maxSessions}`);
    if (!(this.idleTimeoutMs > 0)) throw new DomainError("invalid", `idleTimeoutMs must be positive, got ${this.idleTimeoutMs}`);
  }

  get size(): number {
    return this.open.size;
  }

  /** Adds a session; DomainError "limit" at capacity (idle sessions are reaped first). */
  add(session: EnvSession, onExpire?: () => void): void {
    if (this.open.size >= this.maxSessions) this.sweep();
    if (this.open.size >= this.maxSessions) {
      throw new DomainError("limit", `the environment server is at capacity (${this.maxSessions} open sessions); close one or wait until idle ones expire (${this.idleTimeoutMs / 1000} s)`);
    }
    this.open.set(session.id, { session, lastUsed: this.now(), onExpire });
  }

  /** The session, marked as used now; DomainError "not_found" when unknown or expired. */
  get(id: string): EnvSession {
    const entry = this.open.get(id);
    if (entry && this.isIdle(entry)) this.expire(id, entry);
    else if (entry) {
      entry.lastUsed = this.now();
      return entry.session;
    }
    if (this.expired.has(id)) throw new DomainError("not_found", `session ${id} expired after ${this.idleTimeoutMs / 1000} s without use; create a new one`);
    throw new DomainError("not_found", `no session ${id}`);
  }

  /** Marks a session as used now (a long step counts as use). */
  touch(id: string): void {
    const entry = this.open.get(id);
    if (entry) entry.lastUsed = this.now();
  }

  close(id: string): boolean {
    return this.open.delete(id);
  }

  /** Closes the sessions idle past the timeout, telling their owners; returns their ids. */
  sweep(): string[] {
    const ids: string[] = [];
    for (const [id, entry] of this.open) {
      if (this.isIdle(entry)) {
        this.expire(id, entry);
        ids.push(id);
      }
    }
    return ids;
  }

  /** Sweeps on a timer (which does not keep the process alive) until `stop`. */
  start(everyMs = Math.min(30_000, Math.max(50, this.idleTimeoutMs / 4))): void {
    this.stop();
    this.timer = setInterval(() => this.sweep(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private isIdle(entry: Entry): boolean {
    return this.now() - entry.lastUsed > this.idleTimeoutMs;
  }

  private expire(id: string, entry: Entry): void {
    this.open.delete(id);
    this.expired.add(id);
    if (this.expired.size > REMEMBERED_EXPIRED) this.expired.delete(this.expired.values().next().value!);
    entry.onExpire?.();
  }
}
