import { createHash, timingSafeEqual } from "node:crypto";
import { ZodError } from "zod";
import { isDomainError, type DomainErrorCode } from "@/lib/errors";
import { ok, type EnvContext, type EnvRequest, type EnvResponse } from "./http";
import { mcpHttp } from "./mcp";
import { openApiDocument } from "./openapi";
import { metadata, resetStateless, schemaResponse, stateStateless, stepStateless } from "./openenv-http";
import { REST_ROUTES } from "./rest";

type Route = Partial<Record<string, (ctx: EnvContext, req: EnvRequest, sid: string) => Promise<EnvResponse> | EnvResponse>>;

const OPENENV_ROUTES: Record<string, Route> = {
  "/metadata": { GET: metadata },
  "/schema": { GET: schemaResponse },
  "/openapi.json": { GET: (ctx) => ok(openApiDocument(ctx.source)) },
  "/reset": { POST: resetStateless },
  "/step": { POST: stepStateless },
  "/state": { GET: stateStateless },
  "/mcp": { POST: mcpHttp },
};
const ROUTES: Record<string, Route> = { ...OPENENV_ROUTES, ...REST_ROUTES };

const STATUS: Record<DomainErrorCode, number> = { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, limit: 429, internal: 500 };

/**
 * The environment server's HTTP API as one framework-free function: the Node server and the
 * Next route handlers both call it. Errors come back as `{error: message}` with a 4xx status
 * (5xx carry no internals).
 */
export async function handleEnvRequest(ctx: EnvContext, req: EnvRequest): Promise<EnvResponse> {
  const path = normalize(req.path);
  if (path === "/health" && req.method === "GET") return ok({ status: "healthy" });
  if (ctx.token !== undefined && !isAuthorized(ctx.token, req.authorization)) {
    return { status: 401, body: { error: "missing or wrong bearer token: send Authorization: Bearer <token>" }, headers: { "www-authenticate": "Bearer" } };
  }
  if (path === "/ws") return { status: 426, body: { error: "/ws is a WebSocket endpoint: connect with a WebSocket client" }, headers: { upgrade: "websocket" } };
  const { route, sid } = match(path);
  if (!route) return { status: 404, body: { error: `no route ${req.method} ${path}; GET /openapi.json lists them` } };
  const handler = route[req.method];
  if (!handler) {
    const allowed = Object.keys(route).join(", ");
    return { status: 405, body: { error: `${req.method} is not allowed on ${path}; use ${allowed}` }, headers: { allow: allowed } };
  }
  try {
    return await handler(ctx, { ...req, path }, sid);
  } catch (e) {
    return errorResponse(e);
  }
}

export function errorResponse(e: unknown): EnvResponse {
  if (isDomainError(e)) return { status: STATUS[e.code], body: { error: e.code === "internal" ? "internal error; see the server log" : e.message } };
  if (e instanceof ZodError) {
    return { status: 400, body: { error: e.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ") } };
  }
  console.error(e);
  return { status: 500, body: { error: "internal error; see the server log" } };
}

/** Compares digests, so the time taken says nothing about the token. */
export function isAuthorized(token: string, authorization: string | null | undefined): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? "")?.[1] ?? "";
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}

function normalize(path: string): string {
  const bare = path.split("?")[0].replace(/\/{2,}/g, "/");
  return bare.length > 1 ? bare.replace(/\/$/, "") : "/";
}

function match(path: string): { route: Route | undefined; sid: string } {
  if (ROUTES[path]) return { route: ROUTES[path], sid: "" };
  const session = /^\/sessions\/([^/]+)(\/[a-z]+)?$/.exec(path);
  if (!session) return { route: undefined, sid: "" };
  return { route: REST_ROUTES[`/sessions/:sid${session[2] ?? ""}`], sid: safeDecode(session[1]) };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
