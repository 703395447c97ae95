import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantMessage } from "@/lib/chat/schema";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { oracleAgent } from "@/lib/reasoning/agents";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import { formatAnswer } from "@/lib/reasoning/format";
import { normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import { startEnvServer, type EnvServer } from "./server";
import { tasksSource } from "./source";
import { request } from "./test-fixture";

const [testCase] = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: [], treeId: null, revision: null, treeName: clinicTrees[0].name }).cases;
const [p0, p1] = generateProblems(clinicDomain, { count: 2, seed: 3 }).problems;

let server: EnvServer;
beforeAll(async () => {
  server = await startEnvServer({
    source: tasksSource([
      { id: "case", testCase, domain: clinicDomain, split: "train" },
      { id: p0.id, problem: p0, domain: clinicDomain, split: "train" },
      { id: p1.id, problem: p1, domain: clinicDomain, split: "validation" },
    ]),
  });
}, 20_000);
afterAll(() => server.close());

const call = (method: string, path: string, body?: unknown) => request(server.url, method, path, body);

describe("environment server: problem tasks", () => {
  it("lists problems beside cases, with their answer kind", async () => {
    const { tasks } = (await call("GET", "/tasks")).body;
    expect(tasks.slice(1)).toEqual([
      { id: p0.id, branch_kind: `problem:${p0.answer.kind}`, outcome: "answer", split: "train" },
      { id: p1.id, branch_kind: `problem:${p1.answer.kind}`, outcome: "answer", split: "validation" },
    ]);
    expect(tasks[0]).toMatchObject({ id: "case", outcome: testCase.expected_outcome });
  });

  it("plays a problem through single tool calls and an answer reply (the TRL worker's path) to reward 1", async () => {
    const created = await call("POST", "/sessions", { task_id: p0.id });
    expect(created.status).toBe(200);
    expect(created.body.messages.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    expect(created.body.messages[1].content).toContain(p0.statement);
    expect(created.body.tools.map((t: { function: { name: string } }) => t.function.name).sort()).toEqual([...p0.tools].sort());
    const sid = created.body.session_id;
    for (const planned of p0.plan) {
      const step = await call("POST", `/sessions/${sid}/tool`, { name: planned.name, arguments: planned.arguments });
      expect(step.body).toMatchObject({ error: null, done: false, reward: null });
    }
    const answered = await call("POST", `/sessions/${sid}/reply`, { content: `<answer>${formatAnswer(p0.answer)}</answer>` });
    expect(answered.body).toEqual({ user: "", done: true, end_reason: "answered", reward: 1 });
    expect((await call("GET", `/sessions/${sid}/score`)).body).toMatchObject({ reward: 1, components: { outcome: 1 }, done: true });
    expect((await call("GET", `/sessions/${sid}`)).body).toMatchObject({ task_id: p0.id, done: true, end_reason: "answered", reward: 1 });
  });

  it("scores a wrong answer 0 and the oracle's whole messages 1; the case beside them still plays to 1", async () => {
    const wrong = await call("POST", "/sessions", { task_id: p1.id });
    const reply = await call("POST", `/sessions/${wrong.body.session_id}/step`, { message: { role: "assistant", content: "<answer>nobody</answer>" } });
    expect(reply.body).toMatchObject({ done: true, end_reason: "answered", reward: 0 });

    const oracle = oracleAgent(p1);
    const created = await call("POST", "/sessions", { task_id: p1.id });
    let messages = created.body.messages;
    let last = { done: false, reward: null as number | null };
    while (!last.done) {
      const message = await oracle.act(messages, created.body.tools);
      last = (await call("POST", `/sessions/${created.body.session_id}/step`, { message })).body;
      messages = (await call("GET", `/sessions/${created.body.session_id}`)).body.messages;
    }
    expect(last).toMatchObject({ done: true, end_reason: "answered", reward: 1 });

    const session = await call("POST", "/sessions", { task_id: "case" });
    let caseStep = { done: false, reward: null as number | null };
    for (const m of normalTrajectory(testCase, clinicDomain)) {
      if (m.role === "assistant" && !caseStep.done) caseStep = (await call("POST", `/sessions/${session.body.session_id}/step`, { message: m as AssistantMessage })).body;
    }
    expect(caseStep).toMatchObject({ done: true, end_reason: "user_stop", reward: 1 });
  });
});
