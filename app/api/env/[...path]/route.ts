import { NextResponse } from "next/server";
import { studioDb } from "@/db";
import { dbTaskSource } from "@/db/queries/env-tasks";
import { handleEnvRequest, SessionStore } from "@/lib/envserver";
import { DomainError } from "@/lib/errors";
import { intParam, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ path?: string[] | string }> };

/** One session store per server process (kept on globalThis so dev reloads do not drop open episodes). */
const holder = globalThis as { flywheelEnvSessions?: SessionStore };
function sessions(): SessionStore {
  if (!holder.flywheelEnvSessions) {
    holder.flywheelEnvSessions = new SessionStore();
    holder.flywheelEnvSessions.start();
  }
  return holder.flywheelEnvSessions;
}

/**
 * The environment server's HTTP API (REST, OpenEnv's stateless endpoints, /mcp; no WebSocket:
 * that needs `npx flywheel env serve`) for any signed-in user, at
 * /api/env/domains/{slug}/… (the domain's verified cases) or /api/env/snapshots/{id}/…;
 * `?problems=1` adds the domain's verified reasoning problems as tasks.
 */
async function serve(req: Request, { params }: Ctx): Promise<Response> {
  await requireUser(req);
  const raw = (await params).path ?? [];
  const [kind, key, ...rest] = (Array.isArray(raw) ? raw : raw.split("/")).filter(Boolean);
  if (!key || (kind !== "domains" && kind !== "snapshots")) {
    throw new DomainError("not_found", "environment paths are /api/env/domains/{slug}/… or /api/env/snapshots/{id}/… (then /tasks, /sessions, /reset, /step, /mcp …)");
  }
  const db = studioDb();
  const problems = new URL(req.url).searchParams.get("problems") === "1";
  const source = kind === "snapshots" ? dbTaskSource({ db, snapshotId: intParam(key, "snapshot id"), problems }) : dbTaskSource({ db, domainSlug: key, problems });
  const body = req.method === "POST" ? await req.text() : "";
  const res = await handleEnvRequest({ source, store: sessions() }, { method: req.method, path: `/${rest.join("/")}`, body });
  return NextResponse.json(res.body, { status: res.status, headers: res.headers });
}

export const GET = route(serve);
export const POST = route(serve);
export const DELETE = route(serve);
