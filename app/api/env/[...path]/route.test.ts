import { beforeAll, describe, expect, it } from "vitest";
import { routeClient, setUpTestStudio } from "../../_shared/test-client";

setUpTestStudio();

import * as env from "./route";
import { studioDb } from "@/db";
import { seedReviewCases } from "@/db/queries/reviews-fixture";
import type { AssistantMessage } from "@/lib/chat/schema";
import { normalTrajectory } from "@/lib/sim";
import { dbTaskSource } from "@/db/queries/env-tasks";
import { getProblem } from "@/db/queries/problems";
import { oracleAgent } from "@/lib/reasoning/agents";
import { generateAndStore } from "@/lib/reasoning/flywheel";

const admin = routeClient();
async function call(method: "GET" | "POST" | "DELETE", path: string, body?: unknown) {
  const [route] = path.split("?");
  const res = await admin.call(env[method], `/api/env/${path}`, { method, body, params: { path: route.split("/") } });
  return { status: res.status, body: await res.json() };
}

beforeAll(async () => {
  seedReviewCases(studioDb()); // the small shop domain with proven cases
  await admin.signIn();
}, 30_000);

describe("/api/env/[...path]", () => {
  it("serves a domain's verified cases as an environment and plays an episode to reward 1", async () => {
    const tasks = (await call("GET", "domains/shop/tasks")).body.tasks as { id: string; outcome: string }[];
    const execute = tasks.find((t) => t.outcome === "execute")!;
    const created = await call("POST", "domains/shop/sessions", { task_id: execute.id });
    expect(created.status).toBe(200);
    const task = dbTaskSource({ db: studioDb(), domainSlug: "shop" }).get(execute.id)!;
    let last = { done: false, reward: null };
    for (const m of normalTrajectory(task.testCase, task.domain)) {
      if (m.role === "assistant" && !last.done) last = (await call("POST", `domains/shop/sessions/${created.body.session_id}/step`, { message: m as AssistantMessage })).body;
    }
    expect(last).toMatchObject({ done: true, reward: 1 });
    expect((await call("DELETE", `domains/shop/sessions/${created.body.session_id}`)).body).toEqual({ closed: true });
    expect((await call("POST", "domains/shop/reset", { task_id: execute.id })).body.observation.task_id).toBe(execute.id);
  });

  it("serves the domain's verified problems beside its cases with ?problems=1, each answered to reward 1 by its solution", async () => {
    const { inserted } = generateAndStore({ db: studioDb(), slug: "clinic-appointments", count: 4, seed: 1 });
    expect(inserted).toBeGreaterThan(0);
    const plain = (await call("GET", "domains/clinic-appointments/tasks")).body.tasks as { id: string; branch_kind: string }[];
    const all = (await call("GET", "domains/clinic-appointments/tasks?problems=1")).body.tasks as { id: string; branch_kind: string; outcome: string }[];
    expect(plain.some((t) => t.branch_kind.startsWith("problem:"))).toBe(false);
    const problemTasks = all.filter((t) => t.branch_kind.startsWith("problem:"));
    expect(problemTasks).toHaveLength(inserted);
    expect(all).toHaveLength(plain.length + inserted);
    const { problem } = getProblem({ db: studioDb(), id: problemTasks[0].id });
    const created = await call("POST", "domains/clinic-appointments/sessions?problems=1", { task_id: problem.id });
    expect(created.status).toBe(200);
    const oracle = oracleAgent(problem);
    const messages = [...created.body.messages];
    let last = { done: false, reward: null, appended: [] as unknown[] };
    while (!last.done) {
      const message = await oracle.act(messages, []);
      last = (await call("POST", `domains/clinic-appointments/sessions/${created.body.session_id}/step?problems=1`, { message })).body;
      messages.push(message, ...last.appended);
    }
    expect(last).toMatchObject({ done: true, reward: 1 });
    // without the flag the problem is no task of this environment
    expect((await call("POST", "domains/clinic-appointments/sessions", { task_id: problem.id })).status).toBe(404);
  });

  it("names a bad prefix, snapshot or domain", async () => {
    const bare = await call("GET", "tasks");
    expect(bare.status).toBe(404);
    expect(bare.body.error.message).toMatch(/\/api\/env\/domains\/\{slug\}/);
    expect((await call("GET", "snapshots/abc/tasks")).body.error.message).toMatch(/snapshot id must be a positive integer/);
    expect((await call("GET", "snapshots/99/tasks")).status).toBe(404);
    expect((await call("GET", "domains/nope/tasks")).status).toBe(404);
  });
});
