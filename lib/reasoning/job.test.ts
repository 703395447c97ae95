import { describe, expect, it } from "vitest";
import { getProblemEval, listProblems } from "@/db/queries/problems";
import { getJobProgress } from "@/lib/jobs/progress";
import { JobRunner } from "@/lib/jobs/runner";
import { enqueueGenerate, enqueueHarden, enqueueProblemEval } from "./job";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

describe("reasoning jobs", () => {
  it("generate, evaluate and harden the failures as durable jobs with per-item progress", async () => {
    const { studioDb } = await import("@/db");
    const db = studioDb();
    const run = () => new JobRunner({ db, kinds: ["reasoning.generate", "reasoning.eval", "reasoning.harden"], pollMs: 10 }).runUntilIdle();

    const gen = await enqueueGenerate(db, { domain: "retail-orders", count: 10, seed: 4 });
    await run();
    expect(getJobProgress({ db, id: gen.id })).toMatchObject({ status: "succeeded", total: 1, done: 1 });
    expect(listProblems({ db, filter: { domain: "retail-orders" } }).total).toBeGreaterThanOrEqual(9);

    const { eval: evalRow, job } = await enqueueProblemEval(db, { domain: "retail-orders", agent: "budget:2", samples: 1 });
    await run();
    expect(getJobProgress({ db, id: job.id }).status).toBe("succeeded");
    const summary = getProblemEval({ db, id: evalRow.id }).summary as { pass_rate: number; problems: number };
    expect(summary.problems).toBe(job.total);
    expect(summary.pass_rate).toBeLessThan(1);

    const harden = await enqueueHarden(db, { domain: "retail-orders", evalId: evalRow.id, threshold: 1 });
    expect(harden.total).toBe(Math.round(summary.problems * (1 - summary.pass_rate)));
    await run();
    expect(getJobProgress({ db, id: harden.id })).toMatchObject({ status: "succeeded", done: harden.total });
    const variants = listProblems({ db, filter: { domain: "retail-orders", round: 1 } }).rows;
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.every((v) => v.problem.lineage.parent !== null)).toBe(true);
    await expect(enqueueProblemEval(db, { domain: "retail-orders", agent: "nonsense" })).rejects.toThrow(/Unknown agent "nonsense"/);
  }, 25_000);
});
