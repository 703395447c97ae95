import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEnvServer, tasksSource, type EnvServer } from "@/lib/envserver";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { trainerPaths, workerEnv } from "./paths";
import { runCommand } from "./python";
import { problemChatRecord } from "@/lib/export";
import { clinicProblemTasks, clinicTasks, countingProxy, SKIP_REASON, venvMissing } from "./test-fixture";

/**
 * The worker's episode loop against the real environment server, with recorded turns in place of a
 * model's: the ideal agent's turns must earn reward 1 and the persuaded agent's 0, exactly as the
 * studio's own Episode scores them; every tool call and text turn goes through the server.
 */
describe.skipIf(venvMissing)(`TRL worker episodes against the environment server${venvMissing ? ` (skipped: ${SKIP_REASON})` : ""}`, () => {
  const tasks = clinicTasks();
  const picked = [tasks[0], tasks[3], tasks[7]];
  const [problem] = clinicProblemTasks(1);
  let server: EnvServer;
  let proxy: Awaited<ReturnType<typeof countingProxy>>;
  beforeAll(async () => {
    server = await startEnvServer({ source: tasksSource([...tasks, problem]), token: "t0ken" });
    proxy = await countingProxy(server.url);
  });
  afterAll(async () => {
    await proxy?.close();
    await server?.close();
  });

  async function replay(cases: { id: string; turns: unknown[] }[]) {
    const paths = trainerPaths();
    const input = JSON.stringify({ url: proxy.url, token: "t0ken", tokenizerDir: paths.tokenizerDir, cases });
    const run = await runCommand(paths.python, [path.join(paths.workerDir, "tests", "replay_episodes.py")], { env: workerEnv(paths), input, timeoutMs: 60_000 });
    expect(run.code, run.stderr.slice(-2000)).toBe(0);
    return JSON.parse(run.stdout.trim().split("\n").pop()!) as { id: string; reward: number; turns: number; toolCalls: number; endReason: string; modelText: string; envText: string; promptText: string }[];
  }

  it("forwards tool calls and text turns faithfully: the ideal agent earns 1, the persuaded agent 0", async () => {
    const normal = picked.map((t) => ({ id: t.id, turns: normalTrajectory(t.testCase, t.domain).filter((m) => m.role === "assistant") }));
    const hacked = picked.filter((t) => t.testCase.tool_return_expected.hack_path.length);
    const hack = hacked.map((t) => ({ id: t.id, turns: hackTrajectory(t.testCase, t.domain).filter((m) => m.role === "assistant") }));
    const results = await replay([...normal, ...hack]);
    const expectedCalls = normal.reduce((n, c) => n + c.turns.reduce((k, m) => k + ((m as { tool_calls?: unknown[] }).tool_calls?.length ?? 0), 0), 0);
    for (const [i, r] of results.entries()) {
      if (i < normal.length) {
        expect(r, `normal ${r.id}`).toMatchObject({ reward: 1, endReason: "user_stop", turns: normal[i].turns.length });
      } else expect(r.reward, `hack ${r.id}`).toBe(0);
    }
    expect(expectedCalls).toBeGreaterThan(0);
    expect(proxy.counts.get("POST /sessions")).toBe(normal.length + hack.length);
    expect(proxy.counts.get("GET /sessions/:sid/score")).toBe(normal.length + hack.length);
    expect(proxy.counts.get("POST /sessions/:sid/tool")).toBeGreaterThanOrEqual(expectedCalls);
    expect(proxy.counts.get("POST /sessions/:sid/reply")).toBeGreaterThan(0);
    // the model's tokens are its turns; the environment's (masked out of the loss) are the tool results and the user
    const first = results[1];
    expect(first.modelText).toContain('<tool_call>\n{"name": "find_patient"');
    expect(first.modelText).not.toContain("<tool_response>");
    expect(first.envText).toContain("<tool_response>");
    expect(first.envText).toContain("<|im_start|>user");
  }, 180_000);

  it("shows a problem's episode only its own read tools, and scores its answer", async () => {
    const record = problemChatRecord({ kind: "problem", id: problem.id, problem: problem.problem, domain: problem.domain }, "train");
    const [r] = await replay([{ id: problem.id, turns: record.messages.filter((m) => m.role === "assistant") }]);
    expect(r).toMatchObject({ reward: 1, endReason: "answered" });
    const allowed = problem.problem.tools;
    const writes = problem.domain.tools.filter((t) => t.effect.kind === "write").map((t) => t.name);
    expect(allowed.length).toBeGreaterThan(0);
    for (const name of allowed) expect(r.promptText).toContain(`"name": "${name}"`);
    for (const name of writes) expect(r.promptText, name).not.toContain(`"name": "${name}"`);
  }, 120_000);
});
