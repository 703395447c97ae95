import type { ZodType } from "zod";
import { DomainError } from "@/lib/errors";
import type { SessionStore } from "./sessions";
import type { EnvTaskSource } from "./source";

/** A request as any HTTP front end hands it over (Node's http server, a Next route handler). */
export interface EnvRequest {
  method: string;
  /** The path below the environment's root: "/sessions/abc/step". */
  path: string;
  /** The raw body text ("" when none). */
  body: string;
  /** The Authorization header, if any. */
  authorization?: string | null;
}

export interface EnvResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What every handler needs: the tasks, the open sessions, and the bearer token (none: open). */
export interface EnvContext {
  source: EnvTaskSource;
  store: SessionStore;
  token?: string;
}

export const ok = (body: unknown, status = 200): EnvResponse => ({ status, body });

/** The body as JSON; DomainError "invalid" when it is not. An empty body is undefined. */
export function parseJsonBody(body: string): unknown {
  if (!body.trim()) return undefined;
  try {
    return JSON.parse(body);
  } catch (e) {
    throw new DomainError("invalid", `the request body is not valid JSON (${(e as Error).message})`);
  }
}

/** The body parsed and validated; a missing body is `{}` when `optional`. ZodErrors go to the mapper. */
export function readBody<T>(req: EnvRequest, schema: ZodType<T>, { optional = false } = {}): T {
  const json = parseJsonBody(req.body);
  if (json === undefined && !optional) throw new DomainError("invalid", `${req.method} ${req.path} needs a JSON body`);
  return schema.parse(json ?? {});
}
