import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEnvServer, type EnvServer } from "./server";
import { tasksSource } from "./source";
import { agentTurns, EXECUTE, REFUSE, request, shopTasks, TRANSFER } from "./test-fixture";

let server: EnvServer;
beforeAll(async () => {
  server = await startEnvServer({ source: tasksSource(shopTasks()) });
}, 20_000);
afterAll(() => server.close());

const call = (method: string, path: string, body?: unknown) => request(server.url, method, path, body);

/** Plays the recorded agent turns through POST /sessions/{sid}/step until the episode ends. */
async function playWithSteps(taskId: string, kind: "normal" | "hack") {
  const created = await call("POST", "/sessions", { task_id: taskId });
  expect(created.status).toBe(200);
  const sid = created.body.session_id as string;
  let last = { done: false, reward: null as number | null };
  for (const message of agentTurns(taskId, kind)) {
    if (last.done) break;
    const step = await call("POST", `/sessions/${sid}/step`, { message });
    expect(step.status, JSON.stringify(step.body)).toBe(200);
    last = step.body;
  }
  return { sid, last };
}

describe("environment server: REST", () => {
  it("serves health, tasks and tools", async () => {
    expect((await call("GET", "/health")).body).toEqual({ status: "healthy" });
    const tasks = (await call("GET", "/tasks")).body.tasks;
    expect(tasks).toEqual([
      { id: REFUSE, branch_kind: "violation", outcome: "refuse", split: "train" },
      { id: EXECUTE, branch_kind: "legal", outcome: "execute", split: "train" },
      { id: TRANSFER, branch_kind: expect.any(String), outcome: "transfer", split: "validation" },
    ]);
    const tools = (await call("GET", "/tools")).body.tools;
    expect(tools.map((t: { function: { name: string } }) => t.function.name)).toContain("get_order");
    expect(tools[0]).toMatchObject({ type: "function", function: { name: expect.any(String), parameters: { type: "object" } } });
  });

  it("plays a whole episode: the ideal agent's turns earn reward 1, the persuaded agent's 0", async () => {
    for (const id of [REFUSE, EXECUTE, TRANSFER]) {
      const { sid, last } = await playWithSteps(id, "normal");
      expect(last, `task ${id}`).toMatchObject({ done: true, end_reason: "user_stop", reward: 1 });
      const score = await call("GET", `/sessions/${sid}/score`);
      expect(score.body).toMatchObject({ reward: 1, components: { db: 1, forbidden: 1, outcome: 1 }, done: true });
      expect(score.body.messages[0].role).toBe("system");
      expect((await call("DELETE", `/sessions/${sid}`)).body).toEqual({ closed: true });
      expect((await call("GET", `/sessions/${sid}/score`)).status).toBe(404);
    }
    const hacked = await playWithSteps(REFUSE, "hack");
    expect(hacked.last).toMatchObject({ done: true, reward: 0 });
    expect((await call("GET", `/sessions/${hacked.sid}/score`)).body.components.forbidden).toBe(0);
  });

  it("plays the same episode through single tool calls and replies", async () => {
    const created = await call("POST", "/sessions", { task_id: EXECUTE, seed: 0 });
    expect(created.body.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    const sid = created.body.session_id;
    let last: { done: boolean; reward: number | null } = { done: false, reward: null };
    for (const m of agentTurns(EXECUTE, "normal")) {
      if (last.done) break;
      if (m.tool_calls?.length) {
        const [c] = m.tool_calls;
        const res = await call("POST", `/sessions/${sid}/tool`, { name: c.function.name, arguments: JSON.parse(c.function.arguments), content: m.content });
        expect(res.body).toMatchObject({ tool_call_id: expect.stringMatching(/^call_/), error: null });
        expect(res.body.output).not.toBeNull();
        last = res.body;
      } else {
        const res = await call("POST", `/sessions/${sid}/reply`, { content: m.content });
        expect(typeof res.body.user).toBe("string");
        last = res.body;
      }
    }
    expect(last).toMatchObject({ done: true, reward: 1 });
  });

  it("reports a failing tool call as a result, not an HTTP error", async () => {
    const sid = (await call("POST", "/sessions", { task_id: EXECUTE })).body.session_id;
    const unknown = await call("POST", `/sessions/${sid}/tool`, { name: "drop_tables", arguments: {} });
    expect(unknown.status).toBe(200);
    expect(unknown.body).toMatchObject({ output: null, error: expect.stringMatching(/unknown tool drop_tables/), error_type: "tool_not_found", done: false });
    const badArgs = await call("POST", `/sessions/${sid}/tool`, { name: "get_order", arguments: { order: 1 } });
    expect(badArgs.body).toMatchObject({ error_type: "invalid_args", error: expect.stringMatching(/invalid arguments for get_order/) });
  });

  it("answers bad input with clear 4xx messages", async () => {
    const sid = (await call("POST", "/sessions", { task_id: EXECUTE, max_turns: 1 })).body.session_id;
    const cases: [string, string, unknown, number, RegExp][] = [
      ["POST", "/sessions", "{not json", 400, /not valid JSON/],
      ["POST", "/sessions", {}, 400, /task_id/],
      ["POST", "/sessions", { task_id: "nope" }, 404, /no task "nope".*GET \/tasks/],
      ["POST", "/sessions", { task_id: EXECUTE, taskId: 1 }, 400, /taskId/],
      ["POST", "/sessions", { task_id: EXECUTE, max_turns: 0 }, 400, /max_turns/],
      ["POST", "/sessions", undefined, 400, /needs a JSON body/],
      ["POST", "/sessions/nope/step", { message: { role: "assistant", content: "hi" } }, 404, /no session nope/],
      ["POST", `/sessions/${sid}/step`, { message: { role: "user", content: "hi" } }, 400, /message\.role/],
      ["POST", `/sessions/${sid}/step`, { message: { role: "assistant", content: null } }, 400, /needs text content or tool_calls/],
      ["POST", `/sessions/${sid}/tool`, { name: "get_order", arguments: "o1" }, 400, /arguments/],
      ["POST", `/sessions/${sid}/reply`, { content: "" }, 400, /content must not be empty/],
      ["GET", "/nowhere", undefined, 404, /no route GET \/nowhere/],
      ["DELETE", "/tasks", undefined, 405, /DELETE is not allowed on \/tasks; use GET/],
      ["GET", "/ws", undefined, 426, /WebSocket endpoint/],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status);
      expect(res.body.error).toMatch(message);
    }
    const cut = await call("POST", `/sessions/${sid}/tool`, { name: "get_order", arguments: { order_id: "o1" } });
    expect(cut.body).toMatchObject({ done: true, end_reason: "max_turns", reward: 0 });
    const over = await call("POST", `/sessions/${sid}/reply`, { content: "Hello again" });
    expect(over.status).toBe(409);
    expect(over.body.error).toMatch(/episode is over \(max_turns\)/);
  });
});

describe("environment server: token, capacity, idle expiry", () => {
  it("needs the bearer token when one is set (health stays open)", async () => {
    const guarded = await startEnvServer({ source: tasksSource(shopTasks()), token: "s3cret" });
    try {
      expect((await request(guarded.url, "GET", "/health")).status).toBe(200);
      expect((await request(guarded.url, "GET", "/tasks")).status).toBe(401);
      const wrong = await request(guarded.url, "GET", "/tasks", undefined, { authorization: "Bearer nope" });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatch(/bearer token/);
      expect((await request(guarded.url, "GET", "/tasks", undefined, { authorization: "Bearer s3cret" })).status).toBe(200);
    } finally {
      await guarded.close();
    }
    await expect(startEnvServer({ source: tasksSource(shopTasks()), token: " " })).rejects.toThrow(/must not be empty/);
  });

  it("refuses sessions past capacity with 429, and expires idle ones", async () => {
    const small = await startEnvServer({ source: tasksSource(shopTasks()), maxSessions: 1, idleTimeoutMs: 150 });
    try {
      const first = await request(small.url, "POST", "/sessions", { task_id: EXECUTE });
      const full = await request(small.url, "POST", "/sessions", { task_id: EXECUTE });
      expect(full.status).toBe(429);
      expect(full.body.error).toMatch(/at capacity \(1 open sessions\)/);
      await new Promise((r) => setTimeout(r, 400));
      const late = await request(small.url, "POST", `/sessions/${first.body.session_id}/reply`, { content: "Hello" });
      expect(late.status).toBe(404);
      expect(late.body.error).toMatch(/expired after 0.15 s/);
      expect((await request(small.url, "POST", "/sessions", { task_id: EXECUTE })).status).toBe(200);
    } finally {
      await small.close();
    }
  });
});
