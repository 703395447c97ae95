import { z, ZodError } from "zod";
import { isDomainError } from "@/lib/errors";
import { ResetData } from "./actions";
import type { EnvContext, EnvRequest, EnvResponse } from "./http";
import { EnvSession } from "./session";
import { callToolResult, mcpTools } from "./tool-call";

/**
 * OpenEnv's MCP flavour over JSON-RPC 2.0 (`POST /mcp`, and `{type:"mcp"}` frames on `/ws`):
 * tools/list, tools/call (in a session, or on a fresh environment per call), and
 * openenv/session/create|close. Always answered with HTTP 200; failures are JSON-RPC errors.
 */
export const RPC = { parse: -32700, invalidRequest: -32600, methodNotFound: -32601, invalidParams: -32602, internal: -32603, capacity: -32000 } as const;

type Id = string | number | null;
export type RpcResponse = { jsonrpc: "2.0"; id: Id } & ({ result: unknown } | { error: { code: number; message: string } });

const CallParams = z.object({
  name: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()).default({}),
  session_id: z.string().optional(),
  task_id: z.union([z.string().min(1), z.number().int().min(0)]).transform(String).optional(),
});
const CloseParams = z.object({ session_id: z.string().min(1) });

class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

export async function mcpHttp(ctx: EnvContext, req: EnvRequest): Promise<EnvResponse> {
  let message: unknown;
  try {
    message = JSON.parse(req.body);
  } catch (e) {
    return { status: 200, body: failure(null, RPC.parse, `parse error: ${(e as Error).message}`) };
  }
  return { status: 200, body: await handleRpc(ctx, message) };
}

/** Answers one JSON-RPC request; `socketSession` is the `/ws` connection's environment, if any. */
export async function handleRpc(ctx: EnvContext, message: unknown, socketSession?: EnvSession): Promise<RpcResponse> {
  const request = message as { jsonrpc?: unknown; id?: unknown; method?: unknown; params?: unknown } | null;
  const id: Id = typeof request?.id === "string" || typeof request?.id === "number" ? request.id : null;
  if (!request || typeof request !== "object" || Array.isArray(request)) return failure(null, RPC.invalidRequest, "invalid request: expected one JSON-RPC 2.0 request object (batches are not supported)");
  if (request.jsonrpc !== "2.0") return failure(id, RPC.invalidRequest, 'invalid request: "jsonrpc" must be "2.0"');
  if (typeof request.method !== "string") return failure(id, RPC.invalidRequest, 'invalid request: "method" must be a string');
  try {
    return { jsonrpc: "2.0", id, result: await dispatch(ctx, request.method, request.params ?? {}, socketSession) };
  } catch (e) {
    if (e instanceof RpcError) return failure(id, e.code, e.message);
    if (e instanceof ZodError) return failure(id, RPC.invalidParams, `invalid params: ${e.issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ")}`);
    if (isDomainError(e) && e.code === "limit") return failure(id, RPC.capacity, e.message);
    if (isDomainError(e) && e.code !== "internal") return failure(id, RPC.invalidParams, e.message);
    console.error(e);
    return failure(id, RPC.internal, "internal error; see the server log");
  }
}

async function dispatch(ctx: EnvContext, method: string, params: unknown, socketSession?: EnvSession): Promise<unknown> {
  if (method === "tools/list") return { tools: mcpTools(ctx.source.tools).map(({ input_schema, ...t }) => ({ ...t, inputSchema: input_schema })) };
  if (method === "tools/call") return callInSession(ctx, CallParams.parse(params), socketSession);
  if (method === "openenv/session/create") {
    const data = ResetData.parse(params);
    const session = new EnvSession(ctx.source);
    ctx.store.add(session);
    try {
      const { observation } = await session.reset(data);
      return { session_id: session.id, task_id: observation.task_id };
    } catch (e) {
      ctx.store.close(session.id);
      throw e;
    }
  }
  if (method === "openenv/session/close") {
    const { session_id } = CloseParams.parse(params);
    ctx.store.get(session_id);
    return { closed: ctx.store.close(session_id) };
  }
  throw new RpcError(RPC.methodNotFound, `method not found: ${method} (this server has tools/list, tools/call, openenv/session/create, openenv/session/close)`);
}

async function callInSession(ctx: EnvContext, params: z.infer<typeof CallParams>, socketSession?: EnvSession) {
  const names = ctx.source.tools.map((t) => t.function.name);
  if (!names.includes(params.name)) throw new RpcError(RPC.invalidParams, `unknown tool ${params.name}; available: ${names.join(", ")}`);
  let session: EnvSession;
  if (params.session_id) session = ctx.store.get(params.session_id);
  else if (socketSession?.taskId) session = socketSession;
  else {
    session = new EnvSession(ctx.source);
    await session.reset({ task_id: params.task_id, seed: params.task_id === undefined ? 0 : undefined });
  }
  try {
    const outcome = await session.exclusive(() => session.tool(params.name, params.arguments));
    return callToolResult(outcome);
  } finally {
    if (params.session_id) ctx.store.touch(params.session_id);
  }
}

function failure(id: Id, code: number, message: string): RpcResponse {
  return { jsonrpc: "2.0", id, error: { code, message } };
}
