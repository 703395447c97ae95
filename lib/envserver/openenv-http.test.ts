import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RPC } from "./mcp";
import { startEnvServer, type EnvServer } from "./server";
import { tasksSource } from "./source";
import { EXECUTE, request, shopTasks } from "./test-fixture";

let server: EnvServer;
let orderId: string;
beforeAll(async () => {
  server = await startEnvServer({ source: tasksSource(shopTasks(), { name: "shop test", description: "the shop fixture" }), maxSessions: 2 });
  orderId = Object.keys((shopTasks()[1].testCase.initial_db as Record<string, object>).orders)[0];
}, 20_000);
afterAll(() => server.close());

const call = (method: string, path: string, body?: unknown) => request(server.url, method, path, body);
const rpc = async (method: string, params?: unknown, id: number | string = 1) => (await call("POST", "/mcp", { jsonrpc: "2.0", id, method, params })).body;

describe("OpenEnv HTTP: stateless reset/step/state and the descriptive endpoints", () => {
  it("resets, steps and reports state on a fresh environment each time", async () => {
    const reset = await call("POST", "/reset", { task_id: EXECUTE });
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ reward: null, done: false, observation: { task_id: EXECUTE, tools: expect.any(Array) } });
    expect((await call("POST", "/reset")).body.observation.task_id).toEqual(expect.any(String)); // no body: a random task

    const listed = await call("POST", "/step", { action: { type: "list_tools" } });
    expect(listed.body.observation.tools.map((t: { name: string }) => t.name)).toContain("get_order");
    const got = await call("POST", "/step", { action: { type: "call_tool", tool_name: "get_order", arguments: { order_id: orderId } }, task_id: EXECUTE });
    expect(got.body).toMatchObject({ done: false, reward: null, observation: { error: null, result: { is_error: false, data: expect.any(Object) } } });

    expect((await call("GET", "/state")).body).toMatchObject({ episode_id: null, step_count: 0, messages: [] });
  });

  it("answers a bad reset or action with FastAPI's 422 detail", async () => {
    const bad = await call("POST", "/step", { action: { type: "call_tool" } });
    expect(bad.status).toBe(422);
    expect(bad.body.detail[0]).toMatchObject({ loc: ["body", "action", "tool_name"], msg: expect.any(String) });
    expect(bad.body.error).toMatch(/action\.tool_name/);
    const unknownKey = await call("POST", "/reset", { task: 1 });
    expect(unknownKey.status).toBe(422);
    expect(unknownKey.body.error).toMatch(/task/);
    expect((await call("POST", "/reset", { task_id: "nope" })).status).toBe(404);
    expect((await call("POST", "/step", "{x")).status).toBe(400);
  });

  it("publishes metadata, schemas and an OpenAPI document", async () => {
    expect((await call("GET", "/metadata")).body).toMatchObject({ name: "shop test", description: "the shop fixture", tasks: 3, tools: expect.arrayContaining(["get_order"]) });
    const schema = (await call("GET", "/schema")).body;
    expect(Object.keys(schema)).toEqual(expect.arrayContaining(["action", "observation", "state"]));
    expect(JSON.stringify(schema.action)).toContain('"call_tool"');
    expect(schema.state.required).toEqual(expect.arrayContaining(["episode_id", "step_count"]));
    const openapi = (await call("GET", "/openapi.json")).body;
    expect(openapi.info.version).toMatch(/^1\./);
    expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/reset", "/step", "/state", "/health", "/metadata", "/schema", "/mcp", "/sessions/{session_id}/step"]));
  });
});

describe("OpenEnv MCP: POST /mcp (JSON-RPC 2.0)", () => {
  it("answers malformed requests with JSON-RPC errors and HTTP 200", async () => {
    const empty = await call("POST", "/mcp", {});
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: RPC.invalidRequest } });
    expect((await call("POST", "/mcp", "{nope")).body.error.code).toBe(RPC.parse);
    expect((await call("POST", "/mcp", [{ jsonrpc: "2.0", id: 1, method: "tools/list" }])).body.error.code).toBe(RPC.invalidRequest);
    expect(await rpc("initialize", {}, 7)).toMatchObject({ id: 7, error: { code: RPC.methodNotFound, message: expect.stringMatching(/initialize/) } });
    expect((await rpc("tools/call", { name: "drop_tables" })).error).toMatchObject({ code: RPC.invalidParams, message: expect.stringMatching(/unknown tool drop_tables; available: get_order/) });
    expect((await rpc("tools/call", { arguments: {} })).error).toMatchObject({ code: RPC.invalidParams, message: expect.stringMatching(/name/) });
  });

  it("lists and calls tools on a fresh environment, or in a session that sessions share with REST", async () => {
    const listed = await rpc("tools/list");
    expect(listed.result.tools).toContainEqual(expect.objectContaining({ name: "get_order", description: expect.any(String), inputSchema: expect.any(Object) }));
    const fresh = await rpc("tools/call", { name: "get_order", arguments: { order_id: orderId }, task_id: EXECUTE }, "a");
    expect(fresh).toMatchObject({ id: "a", result: { is_error: false, data: expect.any(Object), content: [{ type: "text" }] } });

    const created = await rpc("openenv/session/create", { task_id: EXECUTE });
    const sid = created.result.session_id as string;
    expect(created.result.task_id).toBe(EXECUTE);
    expect((await rpc("tools/call", { name: "get_order", arguments: { order_id: orderId }, session_id: sid })).result.is_error).toBe(false);
    const state = (await call("GET", `/sessions/${sid}`)).body;
    expect(state).toMatchObject({ task_id: EXECUTE, agent_turns: 1 });
    expect(state.messages.at(-1)).toMatchObject({ role: "tool" });

    await rpc("openenv/session/create", { task_id: EXECUTE }); // the second of two slots
    expect((await rpc("openenv/session/create", {})).error).toMatchObject({ code: RPC.capacity, message: expect.stringMatching(/capacity/) });
    expect((await rpc("openenv/session/close", { session_id: sid })).result).toEqual({ closed: true });
    expect((await rpc("tools/call", { name: "get_order", arguments: {}, session_id: sid })).error).toMatchObject({ code: RPC.invalidParams, message: expect.stringMatching(/no session/) });
    expect((await rpc("openenv/session/create", { task_id: "nope" })).error.code).toBe(RPC.invalidParams);
  });
});
