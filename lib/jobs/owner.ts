import os from "node:os";
import { randomUUID } from "node:crypto";

// A worker's identity on its claims: host, pid and a per-runner nonce. Another runner on the
// same host can then tell a crashed owner (pid gone) at once, without waiting for its lease.

export function newOwnerId(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

export function parseOwnerId(owner: string): { host: string; pid: number } | undefined {
  const m = /^(.*):(\d+):[0-9a-f]+$/.exec(owner);
  return m ? { host: m[1], pid: Number(m[2]) } : undefined;
}

/**
 * True when the owner ran on this host and its process is gone, or it claims this very process
 * (a restarted server that got the same pid, as PID 1 in a container does) but is none of
 * `liveHere`, the runners alive in this process. Otherwise its lease decides.
 */
export function isOwnerDead(owner: string, { host = os.hostname(), liveHere = [] }: { host?: string; liveHere?: string[] } = {}): boolean {
  const parsed = parseOwnerId(owner);
  if (!parsed || parsed.host !== host) return false;
  if (parsed.pid === process.pid) return !liveHere.includes(owner);
  try {
    process.kill(parsed.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
