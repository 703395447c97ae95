import type { EnvTaskSource } from "./source";
import { OPENENV_VERSION, schemas } from "./openenv-http";

type Op = [method: string, path: string, summary: string, body?: string];

const OPERATIONS: Op[] = [
  ["get", "/health", "Liveness: {status: healthy}"],
  ["get", "/metadata", "Name, description, task and tool counts"],
  ["get", "/schema", "JSON Schemas of the action, observation, state and reset data"],
  ["post", "/reset", "Stateless: a fresh environment's reset observation", "ResetData"],
  ["post", "/step", "Stateless: a fresh environment, reset, then one action", "StepRequest"],
  ["get", "/state", "Stateless: a fresh environment's state"],
  ["post", "/mcp", "MCP JSON-RPC 2.0: tools/list, tools/call, openenv/session/create, openenv/session/close"],
  ["get", "/tasks", "The tasks: id, branch_kind, outcome, split"],
  ["get", "/tools", "The domain's tools in OpenAI format"],
  ["post", "/sessions", "Open a session on a task: {task_id, seed?, max_turns?}"],
  ["get", "/sessions/{session_id}", "A session's state"],
  ["delete", "/sessions/{session_id}", "Close a session"],
  ["post", "/sessions/{session_id}/step", "One agent turn: {message: AssistantMessage}"],
  ["post", "/sessions/{session_id}/tool", "One tool call as an agent turn: {name, arguments, content?}"],
  ["post", "/sessions/{session_id}/reply", "A text turn to the simulated user: {content}"],
  ["get", "/sessions/{session_id}/score", "The verifiable reward so far, its components and the messages"],
];

/** The server's OpenAPI document (OpenEnv's validator reads `info.version` and the paths). */
export function openApiDocument(source: EnvTaskSource) {
  const { action, observation, state, reset } = schemas();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [method, path, summary, body] of OPERATIONS) {
    const op: Record<string, unknown> = { summary, responses: { "200": { description: "OK", content: { "application/json": {} } } } };
    if (path.includes("{session_id}")) op.parameters = [{ name: "session_id", in: "path", required: true, schema: { type: "string" } }];
    if (body) op.requestBody = { content: { "application/json": { schema: { $ref: `#/components/schemas/${body}` } } } };
    (paths[path] ??= {})[method] = op;
  }
  const stepRequest = {
    type: "object",
    properties: { action: { $ref: "#/components/schemas/Action" }, timeout_s: { type: ["number", "null"] }, request_id: { type: ["string", "null"] }, task_id: { type: ["string", "integer"] } },
    required: ["action"],
    additionalProperties: false,
  };
  return {
    openapi: "3.1.0",
    info: { title: `Flywheel Studio environment: ${source.name ?? "tasks"}`, version: OPENENV_VERSION, description: source.description ?? "" },
    paths,
    components: { schemas: { Action: strip(action), Observation: strip(observation), State: strip(state), ResetData: strip(reset), StepRequest: stepRequest } },
  };
}

/** OpenAPI embeds schemas without their own `$schema` line. */
function strip(schema: Record<string, unknown>) {
  const { $schema: _ignored, ...rest } = schema;
  return rest;
}
