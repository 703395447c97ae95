import { randomBytes } from "node:crypto";
import os from "node:os";
import { startEnvServer, tasksSource } from "@/lib/envserver";
import type { RoundData, RoundSpec } from "@/lib/train/protocol";
import type { RayOptions } from "./settings";

/** The environment server a job calls: its URL as the cluster sees it, its token, and how to let it go. */
export interface JobEnvironment {
  url: string;
  token: string;
  /** True when this run started the server (it closes with the run). */
  started: boolean;
  close(): Promise<void>;
}

/**
 * The studio's environment server for a run: `backendOptions.envUrl` when the studio already
 * serves one the cluster can reach, else a server started here on 0.0.0.0 with the round's tasks
 * and a fresh bearer token, announced to the cluster as http://<envHost or hostname>:<port>.
 */
export async function jobEnvironment(spec: RoundSpec, data: RoundData, options: RayOptions): Promise<JobEnvironment> {
  if (options.envUrl) {
    return { url: options.envUrl.replace(/\/+$/, ""), token: options.envToken ?? process.env.FLYWHEEL_ENV_TOKEN ?? "", started: false, close: async () => {} };
  }
  const token = randomBytes(24).toString("base64url");
  const tasks = [...data.train.map((t) => ({ ...t, split: "train" as const })), ...data.validation.map((t) => ({ ...t, split: "validation" as const }))];
  // every rollout of a step (batch × n) and of a validation pass holds a session at once
  const concurrent = Math.max(spec.grpo.batchSize * spec.grpo.n, data.validation.length, data.train.length);
  const server = await startEnvServer({
    source: tasksSource(tasks, { name: `${data.label} (verl-ray round)` }),
    host: "0.0.0.0",
    port: options.envPort,
    token,
    maxSessions: Math.max(64, 2 * concurrent),
  });
  const port = new URL(server.url).port;
  return { url: `http://${options.envHost ?? os.hostname()}:${port}`, token, started: true, close: () => server.close() };
}

/** GET /health from here: a server the studio cannot reach is worth a warning before the job starts. */
export async function envHealth(env: Pick<JobEnvironment, "url">, timeoutMs = 5000): Promise<string | null> {
  try {
    const res = await fetch(`${env.url}/health`, { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as { status?: string };
    return res.ok && body.status === "healthy" ? null : `GET ${env.url}/health answered ${res.status}`;
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause;
    return `GET ${env.url}/health failed (${cause?.code ?? (e as Error).message})`;
  }
}
