import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DomainError } from "@/lib/errors";
import { handleEnvRequest } from "./handler";
import type { EnvContext, EnvResponse } from "./http";
import { SessionStore } from "./sessions";
import type { EnvTaskSource } from "./source";
import { attachWebSocket } from "./ws";

export interface EnvServerOptions {
  source: EnvTaskSource;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** When set, every request but GET /health needs `Authorization: Bearer <token>` (`/ws` also takes `?token=`). */
  token?: string;
  maxSessions?: number;
  idleTimeoutMs?: number;
}

export interface EnvServer {
  /** "http://127.0.0.1:8001" (the WebSocket is at `${url}/ws` with ws://). */
  url: string;
  store: SessionStore;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Serves the environment (REST, OpenEnv HTTP, /mcp and /ws) on a plain Node http server. */
export async function startEnvServer(options: EnvServerOptions): Promise<EnvServer> {
  const { source, host = "127.0.0.1", port = 0, token } = options;
  if (token !== undefined && !token.trim()) throw new DomainError("invalid", "the token must not be empty (leave it out to serve without one)");
  const store = new SessionStore({ maxSessions: options.maxSessions, idleTimeoutMs: options.idleTimeoutMs });
  const ctx: EnvContext = { source, store, token };
  const server = http.createServer((req, res) => void serve(ctx, req, res));
  const wss = attachWebSocket(server, ctx);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  store.start();
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostPart}:${address.port}`,
    store,
    async close() {
      store.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serve(ctx: EnvContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: EnvResponse;
  try {
    const body = await readBody(req);
    response = body === null
      ? { status: 413, body: { error: `the request body is over ${MAX_BODY_BYTES / 1024 / 1024} MiB` } }
      : await handleEnvRequest(ctx, { method: req.method ?? "GET", path: req.url ?? "/", body, authorization: req.headers.authorization });
  } catch (e) {
    console.error(e);
    response = { status: 500, body: { error: "internal error; see the server log" } };
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...response.headers });
  res.end(text);
}

/** The body as text, or null past the size limit. */
async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk); // past the limit: drain, so the 413 still reaches the client
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8");
}
