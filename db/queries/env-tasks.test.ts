import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { cases } from "../schema";
import { dbTaskSource } from "./env-tasks";
import { reviewDb } from "./reviews-fixture";
import { createSnapshot } from "./snapshots";
import { openDb } from "../client";
import { seedIfEmpty } from "../seed";
import { setProblemStatus } from "./problems";
import { verifyAndStoreDomain } from "./verify";
import { generateAndStore } from "@/lib/reasoning/flywheel";
import { formatAnswer } from "@/lib/reasoning/format";
import type { AssistantMessage } from "@/lib/chat/schema";
import { startEnvServer } from "@/lib/envserver";
import { normalTrajectory } from "@/lib/sim";

const CLINIC = "clinic-appointments";

describe("dbTaskSource", () => {
  it("serves a domain's verified cases (id = case id) with the grouped split, and nothing else", () => {
    const { db, shopId, shopCaseIds, otherCaseIds } = reviewDb();
    const verified = db.select().from(cases).where(eq(cases.domainId, shopId)).all().filter((c) => c.status === "verified");
    const source = dbTaskSource({ db, domainSlug: "shop" });
    const listed = source.list();
    expect(listed.map((t) => t.id)).toEqual(verified.map((c) => String(c.id)));
    expect(new Set(listed.map((t) => t.split)).size).toBeGreaterThan(0);
    expect(listed[0]).toEqual({ id: String(verified[0].id), branch_kind: expect.stringMatching(/violation|blocked|legal/), outcome: verified[0].outcome, split: expect.stringMatching(/train|validation/) });
    expect(source.tools.map((t) => t.function.name)).toContain("get_order");
    expect(source.get(String(shopCaseIds[0]))).toMatchObject({ id: String(shopCaseIds[0]), domain: { slug: "shop" } });
    expect(source.get(String(otherCaseIds[0]))).toBeUndefined(); // another domain's case
    for (const bad of ["abc", "0", "-1", "1.5", "99999"]) expect(source.get(bad)).toBeUndefined();
  });

  it("serves a snapshot's frozen copies with their frozen split", () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop", seed: 3, validationRatio: 0.3 });
    const source = dbTaskSource({ db, snapshotId: snap.id });
    const listed = source.list();
    expect(listed).toHaveLength(snap.cases);
    expect(listed.filter((t) => t.split === "validation")).toHaveLength(snap.validation);
    const first = listed[0].id;
    const before = source.get(first)!.testCase.task;
    const row = db.select().from(cases).where(eq(cases.id, Number(first))).get()!;
    db.update(cases).set({ data: { ...row.data, task: "edited later" } }).where(eq(cases.id, row.id)).run();
    expect(source.get(first)!.testCase.task).toBe(before);
    expect(source.name).toBe(`shop v1 (snapshot ${snap.id})`);
  });

  it("needs exactly one of snapshot and domain, and names what is missing", () => {
    const { db } = reviewDb();
    expect(() => dbTaskSource({ db })).toThrow(/a snapshot id or a domain slug/);
    expect(() => dbTaskSource({ db, snapshotId: 1, domainSlug: "shop" })).toThrow(/one of them/);
    expect(() => dbTaskSource({ db, snapshotId: 42 })).toThrow(/No snapshot with id 42/);
    expect(() => dbTaskSource({ db, domainSlug: "nope" })).toThrow(/nope/);
  });

  it("drives a whole episode of a snapshot task over the server to reward 1", async () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop" });
    const source = dbTaskSource({ db, snapshotId: snap.id });
    const task = source.get(source.list().find((t) => t.outcome === "execute")!.id)!;
    const server = await startEnvServer({ source });
    try {
      const post = async (path: string, body: unknown) => (await fetch(server.url + path, { method: "POST", body: JSON.stringify(body) })).json();
      const { session_id } = await post("/sessions", { task_id: task.id });
      let last = { done: false, reward: null };
      for (const m of normalTrajectory(task.testCase, task.domain)) if (m.role === "assistant" && !last.done) last = await post(`/sessions/${session_id}/step`, { message: m as AssistantMessage });
      expect(last).toMatchObject({ done: true, reward: 1 });
    } finally {
      await server.close();
    }
  });

  it("with problems, serves the domain's verified problems beside its cases and plays one to reward 1", async () => {
    const db = openDb(":memory:");
    seedIfEmpty(db);
    verifyAndStoreDomain({ db, slug: CLINIC, seed: 1 });
    const problems = generateAndStore({ db, slug: CLINIC, count: 3, seed: 2 }).problems;
    expect(problems.length).toBeGreaterThan(1);
    setProblemStatus({ db, id: problems[1].id, status: "rejected", reviewer: "r1" });
    expect(dbTaskSource({ db, domainSlug: CLINIC }).get(problems[0].id)).toBeUndefined();
    const source = dbTaskSource({ db, domainSlug: CLINIC, problems: true });
    const listed = source.list().filter((t) => t.outcome === "answer");
    expect(listed.map((t) => t.id).sort()).toEqual(problems.filter((p) => p !== problems[1]).map((p) => p.id).sort());
    expect(listed[0].branch_kind).toMatch(/^problem:/);
    expect(source.get(problems[1].id)).toBeUndefined(); // rejected in review
    const server = await startEnvServer({ source });
    try {
      const post = async (path: string, body: unknown) => (await fetch(server.url + path, { method: "POST", body: JSON.stringify(body) })).json();
      const p = problems[0];
      const { session_id, tools } = await post("/sessions", { task_id: p.id });
      expect(tools.map((t: { function: { name: string } }) => t.function.name).sort()).toEqual([...p.tools].sort());
      for (const call of p.plan) expect(await post(`/sessions/${session_id}/tool`, { name: call.name, arguments: call.arguments })).toMatchObject({ error: null, done: false });
      expect(await post(`/sessions/${session_id}/reply`, { content: `<answer>${formatAnswer(p.answer)}</answer>` })).toMatchObject({ done: true, end_reason: "answered", reward: 1 });
    } finally {
      await server.close();
    }
  });
});
