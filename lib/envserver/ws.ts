import type { IncomingMessage, Server } from "node:http";
import type { Duplex } from "node:stream";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import { ZodError } from "zod";
import { isDomainError } from "@/lib/errors";
import { EnvAction, ResetData } from "./actions";
import { isAuthorized } from "./handler";
import type { EnvContext } from "./http";
import { handleRpc } from "./mcp";
import { EnvSession } from "./session";

export type WsErrorCode = "INVALID_JSON" | "UNKNOWN_TYPE" | "VALIDATION_ERROR" | "EXECUTION_ERROR" | "CAPACITY_REACHED" | "SESSION_ERROR";
type Frame = { type: "observation" | "state" | "mcp"; data: unknown } | { type: "error"; data: { message: string; code: WsErrorCode } };

const MAX_FRAME_BYTES = 4 * 1024 * 1024;

/**
 * OpenEnv's `/ws`: one connection is one environment, made on accept (or refused with
 * CAPACITY_REACHED) and dropped on close. Frames are answered one at a time, in order. Errors
 * about a frame keep the socket open; capacity and idle expiry (SESSION_ERROR) close it.
 */
export function attachWebSocket(server: Server, ctx: EnvContext): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname.replace(/\/$/, "") !== "/ws") return refuse(socket, 404, "Not Found");
    const bearer = req.headers.authorization ?? (url.searchParams.has("token") ? `Bearer ${url.searchParams.get("token")}` : undefined);
    if (ctx.token !== undefined && !isAuthorized(ctx.token, bearer)) return refuse(socket, 401, "Unauthorized");
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, ctx));
  });
  return wss;
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function serveSocket(ws: WebSocket, ctx: EnvContext): void {
  const send = (frame: Frame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const fail = (code: WsErrorCode, message: string) => send({ type: "error", data: { message, code } });
  const session = new EnvSession(ctx.source);
  try {
    ctx.store.add(session, () => {
      fail("SESSION_ERROR", `session expired after ${ctx.store.idleTimeoutMs / 1000} s without a message`);
      ws.close(1000, "idle timeout");
    });
  } catch (e) {
    fail("CAPACITY_REACHED", (e as Error).message);
    ws.close(1013, "capacity reached");
    return;
  }
  let queue = Promise.resolve();
  ws.on("message", (raw: RawData) => {
    queue = queue.then(() => answer(raw)).catch((e) => fail("EXECUTION_ERROR", describe(e)));
  });
  ws.on("close", () => ctx.store.close(session.id));

  async function answer(raw: RawData): Promise<void> {
    let frame: { type?: unknown; data?: unknown };
    try {
      frame = JSON.parse(raw.toString());
    } catch (e) {
      return fail("INVALID_JSON", `the frame is not valid JSON (${(e as Error).message})`);
    }
    if (!frame || typeof frame !== "object" || Array.isArray(frame)) return fail("UNKNOWN_TYPE", "a frame is a JSON object with a type: reset, step, state, mcp or close");
    ctx.store.touch(session.id);
    try {
      switch (frame.type) {
        case "reset":
          return send({ type: "observation", data: await session.exclusive(() => session.reset(ResetData.parse(frame.data ?? {}))) });
        case "step":
          return send({ type: "observation", data: await session.exclusive(() => session.act(EnvAction.parse(frame.data))) });
        case "state":
          return send({ type: "state", data: session.state() });
        case "mcp":
          return send({ type: "mcp", data: await handleRpc(ctx, frame.data, session) });
        case "close":
          ws.close(1000, "closed by client");
          return;
        default:
          return fail("UNKNOWN_TYPE", `unknown frame type ${JSON.stringify(frame.type ?? null)}; expected reset, step, state, mcp or close`);
      }
    } catch (e) {
      const isValidation = e instanceof ZodError || (isDomainError(e) && (e.code === "invalid" || e.code === "not_found"));
      return fail(isValidation ? "VALIDATION_ERROR" : "EXECUTION_ERROR", describe(e));
    } finally {
      ctx.store.touch(session.id);
    }
  }
}

function describe(e: unknown): string {
  if (e instanceof ZodError) return e.issues.map((i) => `${i.path.join(".") || "data"}: ${i.message}`).join("; ");
  if (isDomainError(e) && e.code !== "internal") return e.message;
  console.error(e);
  return "internal error; see the server log";
}
