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

/** True only when the owner ran on this host and its process is gone; otherwise its lease decides. */
export function isOwnerDead(owner: string, host: string = os.hostname()): boolean {
  const parsed = parseOwnerId(owner);
  if (!parsed || parsed.host !== host) return false;
  try {
    process.kill(parsed.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}
