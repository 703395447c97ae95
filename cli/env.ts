import { studioDb } from "@/db";
import { dbTaskSource } from "@/db/queries/env-tasks";
import { startEnvServer, type EnvServer } from "@/lib/envserver";
import type { Command } from "./commands";
import { args, print } from "./io";

const USAGE =
  "usage: flywheel env serve (--snapshot ID | --domain SLUG) [--problems] [--port 8001] [--host 127.0.0.1] [--token T] [--max-sessions 64] [--idle-timeout SECONDS]";

export interface ServeOptions {
  snapshotId?: number;
  domainSlug?: string;
  /** Serve the domain's verified reasoning problems beside its cases. */
  problems?: boolean;
  host: string;
  port: number;
  token?: string;
  maxSessions?: number;
  idleTimeoutMs?: number;
}

/** The serve options from argv; the token may also come from FLYWHEEL_ENV_TOKEN (kept out of the process list). */
export function parseServeArgs(argv: string[], environment: Record<string, string | undefined> = process.env): ServeOptions {
  const { positionals, values } = args(argv, {
    snapshot: { type: "string" }, domain: { type: "string" }, port: { type: "string" }, host: { type: "string" },
    token: { type: "string" }, "max-sessions": { type: "string" }, "idle-timeout": { type: "string" }, problems: { type: "boolean" },
  });
  if (positionals[0] !== "serve" || positionals.length > 1) throw new Error(USAGE);
  if ((values.snapshot === undefined) === (values.domain === undefined)) throw new Error(`choose the tasks with --snapshot ID or --domain SLUG (one of them)\n${USAGE}`);
  const whole = (name: string, value: string | undefined, min: number) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}, got "${value}"`);
    return n;
  };
  const port = whole("port", values.port, 0) ?? 8001;
  if (port > 65535) throw new Error(`--port must be at most 65535, got ${port}`);
  const idle = whole("idle-timeout", values["idle-timeout"], 1);
  return {
    snapshotId: whole("snapshot", values.snapshot, 1),
    domainSlug: values.domain,
    problems: values.problems ?? false,
    host: values.host ?? "127.0.0.1",
    port,
    token: values.token ?? (environment.FLYWHEEL_ENV_TOKEN || undefined),
    maxSessions: whole("max-sessions", values["max-sessions"], 1),
    idleTimeoutMs: idle === undefined ? undefined : idle * 1000,
  };
}

/** Starts the environment server on the studio database's tasks and says where it is. */
export async function serveEnv(options: ServeOptions, log: (line: string) => void = print): Promise<EnvServer> {
  const source = dbTaskSource({ db: studioDb(), snapshotId: options.snapshotId, domainSlug: options.domainSlug, problems: options.problems ?? false });
  const tasks = source.list().length;
  const server = await startEnvServer({ source, ...options });
  log(`environment server: ${source.name}, ${tasks} tasks, ${source.tools.length} tools`);
  log(`  REST and OpenEnv HTTP  ${server.url}  (GET /tasks, POST /sessions, POST /reset, POST /mcp …)`);
  log(`  OpenEnv WebSocket      ${server.url.replace(/^http/, "ws")}/ws`);
  log(options.token ? "  bearer token required (Authorization: Bearer …; /ws also takes ?token=)" : "  no token: anyone who can reach this address can use it");
  return server;
}

/** `flywheel env serve …`: serves until Ctrl-C or SIGTERM. */
export const envCommand: Command = {
  async run(argv) {
    const server = await serveEnv(parseServeArgs(argv));
    print("Ctrl-C to stop");
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await server.close();
    return 0;
  },
};
