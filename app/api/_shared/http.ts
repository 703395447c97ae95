import { NextResponse } from "next/server";
import { ZodError, type ZodType } from "zod";
import { DomainError, isDomainError } from "@/lib/errors";
import { CelError } from "@/lib/cel";

const STATUS: Record<DomainError["code"], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  limit: 429,
  internal: 500,
};

/** The one mapper from thrown errors to HTTP: typed errors keep their message, 5xx carry no internals. */
export function errorResponse(e: unknown): NextResponse {
  if (isDomainError(e)) {
    return NextResponse.json({ error: { code: e.code, message: e.message, details: e.details } }, { status: STATUS[e.code] });
  }
  if (e instanceof ZodError) {
    const details = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join("; ");
    return NextResponse.json({ error: { code: "invalid", message, details } }, { status: 400 });
  }
  if (e instanceof CelError) {
    return NextResponse.json({ error: { code: "invalid", message: `CEL ${e.kind} error in "${e.expr}": ${e.message}` } }, { status: 400 });
  }
  console.error(e);
  return NextResponse.json({ error: { code: "internal", message: "Internal error; see the server log." } }, { status: 500 });
}

/** Wraps a route handler so every path ends in the mapper. */
export function route<A extends unknown[]>(fn: (...args: A) => Promise<Response> | Response) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (e) {
      return errorResponse(e);
    }
  };
}

export async function parseBody<T>(req: Request, schema: ZodType<T>): Promise<T> {
  let json: unknown;
  try {
    json = await req.json();
  } catch {
    throw new DomainError("invalid", "The request body is not valid JSON.");
  }
  return schema.parse(json);
}

export function intParam(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new DomainError("invalid", `${name} must be a positive integer, got "${value}".`);
  return n;
}

export const json = (data: unknown, status = 200) => NextResponse.json(data, { status });
