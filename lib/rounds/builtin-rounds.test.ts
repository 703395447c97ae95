import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// A file database in a temp folder: the training runs' checkpoints go beside it, not into data/.
process.env.FLYWHEEL_DB = path.join(mkdtempSync(path.join(tmpdir(), "builtin-rounds-")), "rounds.db");
process.env.FLYWHEEL_JOBS = "off";

import { studioDb } from "@/db";
import { frozenRows } from "@/db/queries/round-data";
import { createProject, getRound, type RoundRow } from "@/db/queries/rounds";
import type { TestCase } from "@/lib/cases/schema";
import { JobRunner, loadJobKinds } from "@/lib/jobs";
import { advanceProject, ROUND_STEP_KIND } from "./driver";

const db = studioDb();
const SLUG = "clinic-appointments";

/**
 * The CI loop: three rounds of the built-in backend (a tiny policy, a few SFT and GRPO
 * steps, each round continuing from the last one's checkpoint) with the deterministic generator.
 * What is checked is structural (where the data grows, that every round trains, evaluates and
 * hands its checkpoint on); the held-out pass rates are read, not asserted: seeds can flip a
 * policy this small (`npm run bench rounds` prints them per round).
 */
describe("three rounds of the built-in backend on the clinic domain", () => {
  const rounds: RoundRow[] = [];

  beforeAll(async () => {
    await loadJobKinds();
    const project = createProject({
      db,
      input: {
        name: "builtin-loop", domains: [SLUG], backend: "builtin",
        settings: {
          seed: 2, trials: 1, reviewRequired: false, maxTurns: 8,
          growth: { weakNodes: 3, casesPerBranch: 2, maxCases: 6 }, reasoning: { enabled: false },
          train: { steps: 2, sftSteps: 12, evalEvery: 2, modelOptions: { dModel: 16, layers: 1, heads: 2, contextLength: 192 }, backendOptions: { sftLearningRate: 0.015, sftBatchSize: 8 } },
        },
      },
    });
    for (let n = 1; n <= 3; n++) {
      const { round } = await advanceProject({ db, projectId: project.id });
      await new JobRunner({ db, kinds: [ROUND_STEP_KIND], pollMs: 10 }).runUntilIdle();
      rounds.push(getRound({ db, id: round.id }));
    }
  }, 600_000);

  it("closes every round after training it, each from the previous round's checkpoint", () => {
    expect(rounds.map((r) => r.status)).toEqual(["closed", "closed", "closed"]);
    for (const r of rounds) {
      expect(r.steps.train?.status, `round ${r.number}`).toBe("done");
      expect(r.results.train?.checkpoint, `round ${r.number}`).toMatch(/checkpoints/);
    }
    expect(rounds[0].inputs!.policy).toBeNull(); // a scratch policy cannot be evaluated before training
    for (const n of [1, 2]) expect(rounds[n].inputs!.model?.path).toBe(rounds[n - 1].results.train!.checkpoint);
  });

  it("reports the held-out pass rate after each round's training, on the same held-out cases", () => {
    for (const r of rounds) {
      const after = r.results.evalAfter?.[SLUG];
      expect(after?.pass_at_1, `round ${r.number}`).toBeGreaterThanOrEqual(0);
      expect(after!.pass_at_1).toBeLessThanOrEqual(1);
    }
    const heldOut = (r: RoundRow) => frozenRows({ db, snapshotId: r.inputs!.snapshots[0].snapshotId }).filter((x) => x.split === "validation").map((x) => x.caseId);
    expect(heldOut(rounds[1])).toEqual(heldOut(rounds[0]));
    expect(heldOut(rounds[2])).toEqual(heldOut(rounds[0]));
  });

  it("adds each round's new cases on the nodes where that round's policy failed", () => {
    for (const [i, r] of rounds.slice(0, 2).entries()) {
      const weak = r.results.mine![SLUG].failures.weak.map((w) => w.nodeId);
      const added = r.output!.snapshots[0].addedIds;
      if (!weak.length) continue; // a round without failures grows nothing
      expect(added.length, `round ${r.number}`).toBeGreaterThan(0);
      const next = new Map(frozenRows({ db, snapshotId: rounds[i + 1].inputs!.snapshots[0].snapshotId }).map((x) => [x.caseId, x.data as unknown as TestCase]));
      for (const id of added) expect(next.get(id)!.branch.nodeIds.some((n) => weak.includes(n)), `round ${r.number}, case ${id}`).toBe(true);
    }
    expect(rounds.slice(0, 2).some((r) => r.output!.snapshots[0].addedIds.length > 0)).toBe(true);
  });
});
