import { beforeAll, describe, expect, it, vi } from "vitest";

// The jobs read the process-wide database; this file gets its own in-memory one.
process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

// A hook into case storage, so a test can stop the worker in the middle of the generate step.
const hook = vi.hoisted(() => ({ stores: 0, onStore: (_n: number) => {} }));
vi.mock("@/db/queries/generated-cases", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/db/queries/generated-cases")>();
  return {
    ...original,
    storeGeneratedCase: (input: Parameters<typeof original.storeGeneratedCase>[0]) => {
      hook.onStore(++hook.stores);
      return original.storeGeneratedCase(input);
    },
  };
});

import type { Database } from "better-sqlite3";
import { sql } from "drizzle-orm";
import { studioDb } from "@/db";
import { insertCases } from "@/db/queries/cases";
import { getDomainBySlug, toSpec } from "@/db/queries/domains";
import { getJob } from "@/db/queries/jobs";
import { createTree } from "@/db/queries/trees";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { synthesizeTree } from "@/lib/synth";
import type { TreeDoc } from "@/lib/tree/schema";
import { frozenRows } from "@/db/queries/round-data";
import { createProject, getRound, updateRound, type RoundRow } from "@/db/queries/rounds";
import type { TestCase } from "@/lib/cases/schema";
import { JobRunner, loadJobKinds } from "@/lib/jobs";
import { advanceProject, ROUND_STEP_KIND } from "./driver";
import { replayRound } from "./replay";

const db = studioDb();
const SLUG = "clinic-appointments";

/** Starts or continues the project's round and runs its step jobs until it stops. */
async function runToStop(projectId: number, autoApprove = false): Promise<RoundRow> {
  const { round } = await advanceProject({ db, projectId, autoApprove });
  await new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 10 }).runUntilIdle();
  return getRound({ db, id: round.id });
}

/** A one-branch tree (hand every caller to a human) added to the clinic, with its proven case stored. */
function addEmergencyTree(): number {
  const domain = getDomainBySlug({ db, slug: SLUG });
  const document: TreeDoc = { version: 1, rootId: "handover", nodes: { handover: { id: "handover", kind: "transfer", label: "Hand every caller to a nurse", reason: "The line is staffed by nurses today.", children: [] } } };
  const tree = createTree({ db, domainId: domain.id, name: "Nurse line", document });
  const { cases } = synthesizeTree(document, toSpec(domain), { seed: 1, personas: SEED_PERSONAS, treeId: tree.id, revision: 1, treeName: tree.name });
  expect(cases[0]?.proof?.verified).toBe(true);
  return insertCases({ db, items: [{ domainId: domain.id, treeId: tree.id, treeRevision: 1, testCase: cases[0] }] })[0];
}

/** Cases of a frozen snapshot's training split per tree node: how much data sits on each node. */
function casesPerNode(snapshotId: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of frozenRows({ db, snapshotId })) {
    if (r.split !== "train") continue;
    for (const node of (r.data as unknown as TestCase).branch.nodeIds) out.set(node, (out.get(node) ?? 0) + 1);
  }
  return out;
}

describe("a two-round flywheel on the clinic domain (policy: the hack reference agent, no training)", () => {
  let project: ReturnType<typeof createProject>;
  let first: RoundRow;
  let second: RoundRow;

  beforeAll(async () => {
    await loadJobKinds();
    project = createProject({
      db,
      input: {
        name: "clinic-loop", domains: [SLUG], backend: "none", baseModel: "hack",
        settings: { seed: 7, trials: 1, reviewRequired: true, growth: { weakNodes: 3, casesPerBranch: 2, maxCases: 6 }, reasoning: { problems: 4, samples: 1, policy: "budget:1" } },
      },
    });
    first = await runToStop(project.id);
  }, 120_000);

  it("round 1 runs the non-interactive steps and stops at review, with the failures on the tree", () => {
    expect(first).toMatchObject({ number: 1, status: "review", step: "review" });
    expect(first.steps.train).toMatchObject({ status: "skipped" });
    expect(first.steps.eval_before?.status).toBe("done");
    const mined = first.results.mine![SLUG].failures;
    expect(mined.failures).toBeGreaterThan(0);
    expect(mined.weak.length).toBeGreaterThan(0);
    // the hack agent gives in, writes after a no, or never hands over: its failures sit on refuse, abort and transfer branches only
    const kinds = new Map(frozenRows({ db, snapshotId: first.inputs!.snapshots[0].snapshotId }).map((r) => [String(r.caseId), (r.data as unknown as TestCase).expected_outcome]));
    const failing = mined.nodes.flatMap((n) => n.caseIds);
    expect(new Set(failing.map((id) => kinds.get(id)))).toEqual(new Set(["refuse", "abort", "transfer"]));
    expect(Object.keys(mined.categories).sort()).toEqual(["gave_in", "wrong_call", "wrote_after_decline"]);
    expect(first.results.generated![SLUG].caseIds.length).toBeGreaterThan(0);
    expect(first.results.review!.cases.pending).toBeGreaterThan(0);
  });

  it("--auto-approve-verified closes round 1; round 2's input has more cases on the nodes where round 1 failed", async () => {
    first = await runToStop(project.id, true);
    expect(first.status).toBe("closed");
    // a curator adds a branch between the rounds (a new tree): its verified case joins round 2
    const newCase = addEmergencyTree();
    second = await runToStop(project.id, true);
    expect(second.steps.prepare?.note).toMatch(/1 case\(s\) on 1 new branch\(es\) join/);
    expect(frozenRows({ db, snapshotId: second.inputs!.snapshots[0].snapshotId }).find((r) => r.caseId === newCase)).toMatchObject({ split: "train" });
    expect(second).toMatchObject({ number: 2, status: "closed" });
    const before = casesPerNode(first.inputs!.snapshots[0].snapshotId);
    const after = casesPerNode(second.inputs!.snapshots[0].snapshotId);
    const weak = first.results.mine![SLUG].failures.weak.map((w) => w.nodeId);
    for (const node of weak) expect(after.get(node) ?? 0, node).toBeGreaterThan(before.get(node) ?? 0);
    // concentrated: every added case's branch passes through one of round 1's weak nodes
    const added = first.output!.snapshots[0].addedIds;
    expect(added.length).toBeGreaterThan(0);
    const rows = new Map(frozenRows({ db, snapshotId: second.inputs!.snapshots[0].snapshotId }).map((r) => [r.caseId, r.data as unknown as TestCase]));
    for (const id of added) expect(rows.get(id)!.branch.nodeIds.some((n) => weak.includes(n)), `case ${id}`).toBe(true);
    // the held-out set is the same cases in both rounds
    const heldOut = (id: number) => frozenRows({ db, snapshotId: id }).filter((r) => r.split === "validation").map((r) => r.caseId);
    expect(heldOut(second.inputs!.snapshots[0].snapshotId)).toEqual(heldOut(first.inputs!.snapshots[0].snapshotId));
    expect(first.results.review).toMatchObject({ required: true, cases: { pending: 0 } });
    expect(first.results.review!.autoApproved).toBeGreaterThan(0);
  }, 120_000);

  it("keeps closed rounds immutable, in the query layer and in the database", () => {
    expect(() => updateRound({ db, id: first.id, patch: { error: "x" } })).toThrow(/closed round is immutable/);
    const raw = (db as unknown as { $client: Database }).$client; // around the query layer, straight to SQLite
    expect(() => raw.prepare("update rounds set error = 'x' where id = ?").run(first.id)).toThrow(/immutable/);
    expect(() => raw.prepare("delete from rounds where id = ?").run(first.id)).toThrow(/immutable/);
    expect(getRound({ db, id: first.id }).error).toBeNull();
  });

  it("re-running a closed round from its records gives the same snapshot hash (same seed, same data)", async () => {
    for (const round of [first, second]) {
      const report = await replayRound({ db, roundId: round.id });
      for (const d of report.domains) {
        expect(d, `round ${round.number}`).toMatchObject({ isSameHash: true, isSameWeakNodes: true, notes: [] });
        expect(d.identical).toBe(d.regenerated);
      }
    }
  }, 60_000);
});

describe("a round's steps are durable jobs", () => {
  it("a worker stopped in the middle of generating is resumed by the next: each planned case stored once, same data", { timeout: 120_000 }, async () => {
    await loadJobKinds();
    const project = createProject({
      db,
      input: { name: "resume", domains: ["clinic-appointments"], backend: "none", baseModel: "hack", settings: { seed: 3, trials: 1, reviewRequired: false, reasoning: { enabled: false }, growth: { maxCases: 8 } } },
    });
    const { round } = await advanceProject({ db, projectId: project.id });
    const first = new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 10 });
    let stopping: Promise<void> | undefined;
    hook.stores = 0;
    hook.onStore = (n) => {
      if (n !== 3) return;
      stopping = first.stop(0); // aborts the running item and gives it back, as a worker's SIGTERM does
      throw new Error("worker stopped");
    };
    first.start();
    await vi.waitFor(() => expect(stopping).toBeDefined(), { timeout: 60_000, interval: 20 });
    await stopping;
    hook.onStore = () => {};

    const cut = getRound({ db, id: round.id });
    expect(cut).toMatchObject({ status: "open", step: "generate" });
    expect(cut.steps.generate).toMatchObject({ status: "running" });
    const generateJob = cut.steps.generate!.jobId!;
    const storedBefore = hook.stores;

    // what `flywheel round next` does: the same job is reused (not a second one), then run to the end
    expect((await advanceProject({ db, projectId: project.id })).jobId).toBe(generateJob);
    await new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 10 }).runUntilIdle();

    const done = getRound({ db, id: round.id });
    expect(done.status).toBe("closed");
    expect(getJob({ db, id: generateJob }).status).toBe("succeeded");
    const gen = done.results.generated!["clinic-appointments"];
    expect(gen.jobId).toBe(generateJob);
    expect(gen.plan.length).toBe(8);
    expect(hook.stores - storedBefore).toBe(gen.plan.length - gen.failed.length); // the re-run went through every item again…
    const rows = db.all<{ idx: number; n: number }>(sql`select json_extract(data, '$.generation.idx') as idx, count(*) as n from cases where json_extract(data, '$.generation.jobId') = ${generateJob} group by idx`);
    expect(rows.length).toBe(gen.made.length); // …and found the three it had stored: no case twice
    expect(rows.every((r) => r.n === 1)).toBe(true);
    const report = await replayRound({ db, roundId: round.id });
    expect(report.domains[0]).toMatchObject({ isSameHash: true, isSameWeakNodes: true });
  });
});
