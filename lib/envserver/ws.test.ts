import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEnvServer, type EnvServer } from "./server";
import { tasksSource } from "./source";
import { agentTurns, EXECUTE, REFUSE, shopTasks } from "./test-fixture";
import { connectEnv, type EnvSocket } from "./ws-client";

let server: EnvServer;
beforeAll(async () => {
  server = await startEnvServer({ source: tasksSource(shopTasks()) });
}, 20_000);
afterAll(() => server.close());

/** Plays the recorded agent turns as OpenEnv actions: call_tool for a tool call, reply for text. */
async function play(socket: EnvSocket, taskId: string, kind: "normal" | "hack") {
  let last = { type: "", data: { done: false, reward: null as number | null, observation: {} as Record<string, unknown> } };
  for (const m of agentTurns(taskId, kind)) {
    if (last.data.done) break;
    const [c] = m.tool_calls ?? [];
    const action = c ? { type: "call_tool", tool_name: c.function.name, arguments: JSON.parse(c.function.arguments), content: m.content } : { type: "reply", content: m.content };
    last = await socket.send({ type: "step", data: action });
    expect(last.type, JSON.stringify(last.data)).toBe("observation");
  }
  return last.data;
}

describe("OpenEnv /ws", () => {
  it("runs an episode: reset with task_id, list_tools, call_tool, reply, state; done carries the reward", async () => {
    const socket = await connectEnv(server.url);
    const reset = await socket.send({ type: "reset", data: { task_id: REFUSE } });
    expect(reset.type).toBe("observation");
    expect(reset.data).toMatchObject({ reward: null, done: false, observation: { task_id: REFUSE } });
    expect(reset.data.observation.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);

    const listed = await socket.send({ type: "step", data: { type: "list_tools" } });
    expect(listed.data.observation.tools).toContainEqual(expect.objectContaining({ name: "get_order", input_schema: expect.objectContaining({ type: "object" }) }));

    const call = await socket.send({ type: "step", data: { type: "call_tool", tool_name: "get_order", arguments: { order_id: "nope" } } });
    expect(call.data.observation).toMatchObject({ tool_name: "get_order", error: { error_type: "execution_error" }, result: { is_error: true } });

    const state = await socket.send({ type: "state" });
    expect(state).toMatchObject({ type: "state", data: { step_count: 2, task_id: REFUSE, done: false, reward: null, agent_turns: 1 } });
    expect(state.data.episode_id).toEqual(expect.any(String));

    await socket.send({ type: "reset", data: { task_id: REFUSE } }); // a fresh episode on the same socket
    const end = await play(socket, REFUSE, "normal");
    expect(end).toMatchObject({ done: true, reward: 1, observation: { end_reason: "user_stop", components: { db: 1, forbidden: 1, outcome: 1 } } });
    expect((await socket.send({ type: "state" })).data).toMatchObject({ done: true, reward: 1, step_count: expect.any(Number) });
    socket.close();
  });

  it("gives the persuaded agent reward 0, and returns tool output as FastMCP's dump", async () => {
    const socket = await connectEnv(server.url);
    await socket.send({ type: "reset", data: { task_id: REFUSE } });
    const [first] = agentTurns(REFUSE, "hack").filter((m) => m.tool_calls?.length);
    const c = first.tool_calls![0];
    const call = await socket.send({ type: "step", data: { type: "message", message: first } });
    expect(call.data.observation.appended[0]).toMatchObject({ role: "tool", tool_call_id: c.id });
    await socket.send({ type: "reset", data: { task_id: REFUSE } });
    expect(await play(socket, REFUSE, "hack")).toMatchObject({ done: true, reward: 0, observation: { components: { forbidden: 0 } } });

    await socket.send({ type: "reset", data: { task_id: EXECUTE } });
    const orderId = Object.keys((shopTasks()[1].testCase.initial_db as Record<string, object>).orders)[0];
    const got = await socket.send({ type: "step", data: { type: "call_tool", tool_name: "get_order", arguments: { order_id: orderId } } });
    const result = got.data.observation.result;
    expect(result).toMatchObject({ is_error: false, data: expect.any(Object), structured_content: expect.any(Object) });
    expect(JSON.parse(result.content[0].text)).toEqual(result.data);
    socket.close();
  });

  it("answers bad frames with error frames and keeps the socket open", async () => {
    const socket = await connectEnv(server.url);
    expect(await socket.sendRaw("{oops")).toMatchObject({ type: "error", data: { code: "INVALID_JSON", message: expect.stringMatching(/not valid JSON/) } });
    expect(await socket.send({ type: "dance" })).toMatchObject({ type: "error", data: { code: "UNKNOWN_TYPE", message: expect.stringMatching(/"dance"/) } });
    expect(await socket.send([1, 2])).toMatchObject({ data: { code: "UNKNOWN_TYPE" } });
    expect(await socket.send({ type: "step", data: { type: "call_tool", tool_name: "get_order" } })).toMatchObject({ data: { code: "EXECUTION_ERROR", message: expect.stringMatching(/reset the environment first/) } });
    expect(await socket.send({ type: "reset", data: { task_id: "nope" } })).toMatchObject({ data: { code: "VALIDATION_ERROR", message: expect.stringMatching(/no task "nope"/) } });
    expect(await socket.send({ type: "reset", data: { task_id: EXECUTE, colour: 1 } })).toMatchObject({ data: { code: "VALIDATION_ERROR", message: expect.stringMatching(/colour/) } });
    await socket.send({ type: "reset", data: { seed: 1 } });
    expect(await socket.send({ type: "step", data: { type: "call_tool" } })).toMatchObject({ data: { code: "VALIDATION_ERROR", message: expect.stringMatching(/tool_name/) } });
    expect(await socket.send({ type: "step", data: { type: "fly" } })).toMatchObject({ data: { code: "VALIDATION_ERROR" } });
    expect(socket.isOpen()).toBe(true);
    expect((await socket.send({ type: "state" })).data.task_id).toBe(shopTasks()[1].id); // seed 1 picks the second task
    socket.close();
  });

  it("answers MCP frames on the socket's own episode", async () => {
    const socket = await connectEnv(server.url);
    await socket.send({ type: "reset", data: { task_id: EXECUTE } });
    const listed = await socket.send({ type: "mcp", data: { jsonrpc: "2.0", id: 1, method: "tools/list" } });
    expect(listed.data.result.tools[0]).toEqual(expect.objectContaining({ name: expect.any(String), inputSchema: expect.any(Object) }));
    const called = await socket.send({ type: "mcp", data: { jsonrpc: "2.0", id: 2, method: "tools/call", params: { name: "get_order", arguments: { order_id: "x" } } } });
    expect(called).toMatchObject({ type: "mcp", data: { id: 2, result: { is_error: true } } });
    expect((await socket.send({ type: "state" })).data.messages.at(-1)).toMatchObject({ role: "tool" });
    socket.close();
  });

  it("closes a connection past capacity with CAPACITY_REACHED, and frees the slot on close", async () => {
    const small = await startEnvServer({ source: tasksSource(shopTasks()), maxSessions: 1 });
    try {
      const first = await connectEnv(small.url);
      const second = await connectEnv(small.url);
      expect(await second.next()).toMatchObject({ type: "error", data: { code: "CAPACITY_REACHED", message: expect.stringMatching(/at capacity/) } });
      expect((await second.closed).code).toBe(1013);
      first.send({ type: "close" });
      expect((await first.closed).code).toBe(1000);
      await new Promise((r) => setTimeout(r, 50));
      const third = await connectEnv(small.url);
      expect((await third.send({ type: "reset", data: { task_id: EXECUTE } })).type).toBe("observation");
      third.close();
    } finally {
      await small.close();
    }
  });

  it("expires an idle connection with SESSION_ERROR, and checks the token on upgrade", async () => {
    const strict = await startEnvServer({ source: tasksSource(shopTasks()), idleTimeoutMs: 150, token: "t0k" });
    try {
      await expect(connectEnv(strict.url)).rejects.toThrow(/401/);
      const byQuery = await connectEnv(strict.url, { token: "t0k" });
      const byHeader = await connectEnv(strict.url, { headers: { authorization: "Bearer t0k" } });
      expect(await byQuery.next()).toMatchObject({ type: "error", data: { code: "SESSION_ERROR", message: expect.stringMatching(/expired/) } });
      expect(await byQuery.closed).toMatchObject({ code: 1000, reason: "idle timeout" });
      byHeader.close();
    } finally {
      await strict.close();
    }
  });
});
