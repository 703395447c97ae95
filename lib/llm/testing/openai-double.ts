/**
 * OpenAI-compatible test double: a real HTTP server on loopback that speaks the chat-completions
 * wire format, so tests and e2e runs exercise the real `openai` SDK, real sockets and real
 * timeouts instead of an in-process mock. Scriptable (a queue of replies, or a handler of the
 * request), with scripted failures (429 + retry-after, 5xx, a hang, malformed JSON content), and
 * it records every request it receives.
 *
 * Standalone: `npx tsx lib/llm/testing/openai-double.ts --port 4010 [--latency 50] [--reply TEXT] [--scenario studio]`;
 * `--scenario studio` answers each JSON-schema request from lib/llm/testing/scenarios (by schema name).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";

const NAME = "OpenAI-compatible test double";

export interface DoubleRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined for GET or an unparsable body). */
  body: any;
  receivedAt: number;
}

export interface DoubleToolCall {
  id?: string;
  name: string;
  /** An object is serialized; a string is sent as is (so tests can send broken arguments). */
  arguments: string | Record<string, unknown>;
}

export type DoubleReply =
  | { type: "message"; content?: string | null; toolCalls?: DoubleToolCall[]; finishReason?: string; model?: string; usage?: { prompt_tokens: number; completion_tokens: number }; latencyMs?: number }
  | { type: "error"; status: number; message: string; errorType?: string; code?: string | null; headers?: Record<string, string>; latencyMs?: number }
  | { type: "raw"; status: number; body: string; headers?: Record<string, string>; latencyMs?: number }
  /** Never answers; the connection stays open until the client gives up or the double closes. */
  | { type: "hang" };

export type DoubleHandler = (request: DoubleRequest) => DoubleReply | Promise<DoubleReply>;

/** Reply builders for scripts. */
export const replies = {
  text: (content: string): DoubleReply => ({ type: "message", content }),
  json: (value: unknown): DoubleReply => ({ type: "message", content: JSON.stringify(value) }),
  toolCall: (name: string, args: Record<string, unknown>, content: string | null = null): DoubleReply => ({
    type: "message", content, toolCalls: [{ name, arguments: args }], finishReason: "tool_calls",
  }),
  /** Content that is not JSON at all, for the structured-output repair path. */
  malformedJson: (): DoubleReply => ({ type: "message", content: '{"title": "unterminated' }),
  rateLimited: (retry: { afterSeconds?: number; afterMs?: number; afterDate?: Date } = {}): DoubleReply => {
    const headers: Record<string, string> = {};
    if (retry.afterSeconds !== undefined) headers["retry-after"] = String(retry.afterSeconds);
    if (retry.afterDate) headers["retry-after"] = retry.afterDate.toUTCString();
    if (retry.afterMs !== undefined) headers["retry-after-ms"] = String(retry.afterMs);
    return { type: "error", status: 429, message: "Rate limit reached for requests", errorType: "rate_limit_exceeded", code: "rate_limit_exceeded", headers };
  },
  serverError: (message = "The server had an error while processing your request"): DoubleReply => ({
    type: "error", status: 500, message, errorType: "server_error", code: null,
  }),
  hang: (): DoubleReply => ({ type: "hang" }),
};

export interface OpenAiDoubleOptions {
  /** 0 (default) picks a free ephemeral port. */
  port?: number;
  /** Delay before every reply unless the reply sets its own. */
  latencyMs?: number;
  /** Answers requests when the script queue is empty. Default: a canned text reply. */
  handler?: DoubleHandler;
  /** Replies used first, in order, one per chat request. */
  script?: DoubleReply[];
  models?: string[];
  /** Log one line per request to stderr. */
  log?: boolean;
}

export interface OpenAiDouble {
  /** Base URL including /v1, ready for the SDK's baseURL. */
  url: string;
  port: number;
  requests: DoubleRequest[];
  /** Chat-completion requests only (what most assertions count). */
  chatRequests(): DoubleRequest[];
  setHandler(handler: DoubleHandler): void;
  enqueue(...replies: DoubleReply[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export const cannedReply = (content: string): DoubleHandler => () => ({ type: "message", content });

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function completionBody(reply: Extract<DoubleReply, { type: "message" }>, request: DoubleRequest, n: number) {
  const toolCalls = reply.toolCalls?.map((c, i) => ({
    id: c.id ?? `call_double_${n}_${i}`,
    type: "function" as const,
    function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) },
  }));
  const content = reply.content ?? null;
  const usage = reply.usage ?? {
    prompt_tokens: estimateTokens(JSON.stringify(request.body?.messages ?? [])),
    completion_tokens: estimateTokens((content ?? "") + JSON.stringify(toolCalls ?? [])),
  };
  return {
    id: `chatcmpl-double-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: reply.model ?? request.body?.model ?? "double",
    choices: [{
      index: 0,
      message: { role: "assistant", content, ...(toolCalls?.length ? { tool_calls: toolCalls } : {}) },
      finish_reason: reply.finishReason ?? (toolCalls?.length ? "tool_calls" : "stop"),
      logprobs: null,
    }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(body);
}

const errorJson = (message: string, type: string, code: string | null = null) => JSON.stringify({ error: { message, type, code } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startOpenAiDouble(opts: OpenAiDoubleOptions = {}): Promise<OpenAiDouble> {
  const requests: DoubleRequest[] = [];
  const script = [...(opts.script ?? [])];
  let handler: DoubleHandler = opts.handler ?? cannedReply(`Hello from the ${NAME}.`);
  let latencyMs = opts.latencyMs ?? 0;
  let served = 0;
  const log = (line: string) => opts.log && process.stderr.write(`[${NAME}] ${line}\n`);

  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0];
    let body: any;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    const request: DoubleRequest = { method: req.method ?? "GET", path, headers: req.headers, body, receivedAt: Date.now() };
    requests.push(request);
    log(`${request.method} ${path}${body?.model ? ` model=${body.model}` : ""}`);

    if (req.method === "GET" && path === "/v1/models") {
      const data = (opts.models ?? ["double"]).map((id) => ({ id, object: "model", created: 0, owned_by: "double" }));
      return send(res, 200, JSON.stringify({ object: "list", data }));
    }
    if (req.method !== "POST" || path !== "/v1/chat/completions") {
      return send(res, 404, errorJson(`${NAME}: no route ${req.method} ${path}`, "invalid_request_error", "not_found"));
    }
    if (text && body === undefined) return send(res, 400, errorJson("Request body is not valid JSON", "invalid_request_error"));
    if (typeof body?.model !== "string" || !Array.isArray(body?.messages)) {
      return send(res, 400, errorJson("'model' (string) and 'messages' (array) are required", "invalid_request_error"));
    }
    if (body.stream) return send(res, 400, errorJson(`${NAME}: streaming is not supported`, "invalid_request_error"));

    const n = ++served;
    let reply: DoubleReply;
    try {
      reply = script.length > 0 ? script.shift()! : await handler(request);
    } catch (e) {
      return send(res, 500, errorJson(`${NAME}: handler threw: ${(e as Error).message}`, "server_error"));
    }
    if (reply.type === "hang") return; // leave the socket open; close() destroys it
    await sleep(reply.latencyMs ?? latencyMs);
    if (reply.type === "error") return send(res, reply.status, errorJson(reply.message, reply.errorType ?? "error", reply.code ?? null), reply.headers);
    if (reply.type === "raw") return send(res, reply.status, reply.body, reply.headers);
    send(res, 200, JSON.stringify(completionBody(reply, request, n)));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    chatRequests: () => requests.filter((r) => r.path === "/v1/chat/completions"),
    setHandler: (h) => void (handler = h),
    enqueue: (...more) => void script.push(...more),
    setLatency: (ms) => void (latencyMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(args: string[]): Promise<void> {
  const port = Number(argValue(args, "--port") ?? 4010);
  const latencyMs = Number(argValue(args, "--latency") ?? 0);
  const reply = argValue(args, "--reply") ?? process.env.FLYWHEEL_DOUBLE_REPLY ?? `Hello from the ${NAME}.`;
  const scenario = argValue(args, "--scenario");
  if (scenario !== undefined && scenario !== "studio") throw new Error(`unknown --scenario "${scenario}" (known: studio)`);
  const handler = scenario === "studio" ? (await import("./scenarios")).studioHandler(cannedReply(reply)) : cannedReply(reply);
  const double = await startOpenAiDouble({ port, latencyMs, handler, log: true });
  console.log(`${NAME} listening on ${double.url} (latency ${latencyMs} ms${scenario ? `, scenario ${scenario}` : ""})`);
  const stop = () => void double.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

// No top-level await: tsx loads this file as CommonJS (the package has no "type": "module").
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(`[${NAME}] ${e.message}`);
    process.exit(1);
  });
}
