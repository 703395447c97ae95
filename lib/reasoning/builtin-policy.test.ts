import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

process.env.FLYWHEEL_DB = ":memory:";
process.env.FLYWHEEL_JOBS = "off";

import { studioDb } from "@/db";
import { listProblems } from "@/db/queries/problems";
import { trainBuiltin } from "@/lib/train/builtin/trainer";
import { RoundSpec, type TrainEventInput } from "@/lib/train/protocol";
import { evaluateProblems, generateAndStore, hardenProblems, loadDomain } from "./flywheel";
import { problemAgents } from "./policy-agents";

const SLUG = "retail-orders";

/**
 * The reasoning flywheel against a trained model rather than a reference solver: the built-in
 * policy learns a round's problems (SFT on their oracle solutions, through the ANSWER action),
 * the flywheel hardens them, and the same checkpoint, evaluated through the eval harness's
 * `builtin:<dir>` agent, passes fewer of the variants: they are harder for the model, not only
 * longer. About 90 s on two CPU cores.
 */
describe("the reasoning flywheel with the built-in policy", () => {
  it("a policy trained on a round's problems passes fewer of their hardened variants than of the problems", async () => {
    const db = studioDb();
    const domain = loadDomain(db, SLUG);
    const generated = generateAndStore({ db, slug: SLUG, count: 20, seed: 11 });
    const parents = generated.problems;
    expect(parents).toHaveLength(20);

    const runDir = mkdtempSync(path.join(tmpdir(), "builtin-problems-"));
    const checkpoints: string[] = [];
    const logs: string[] = [];
    const spec = RoundSpec.parse({
      backend: "builtin",
      dataset: { kind: "domain", domainSlug: SLUG },
      seed: 1,
      model: { kind: "scratch", path: "", options: { dModel: 48, layers: 2, heads: 4, contextLength: 512 } },
      grpo: { maxTurns: 10 },
      schedule: { sftSteps: 100, steps: 0, evalEvery: 1, saveEvery: 1 },
      backendOptions: { sftLearningRate: 0.015, sftBatchSize: 8 },
    });
    const emit = (e: TrainEventInput) => {
      if (e.type === "checkpoint") checkpoints.push(e.path);
      if (e.type === "log") logs.push(e.message);
    };
    const tasks = parents.map((problem) => ({ id: problem.id, problem, domain }));
    const status = await trainBuiltin({ runId: 1, spec, runDir, data: { label: SLUG, domain, train: tasks, validation: [] } }, emit, new AbortController().signal);
    expect(status, logs.join("\n")).toBe("SUCCEEDED");
    // counts and sums are not in any message: those solutions teach their reads only (logged, not dropped)
    expect(logs.some((l) => /problem solution\(s\) end in a computed answer/.test(l))).toBe(true);

    const policy = `builtin:${checkpoints.at(-1)}`;
    const agentFor = await problemAgents(policy);
    const before = await evaluateProblems({ db, slug: SLUG, policy, agentFor, problems: parents, round: 0 });

    const hardened = await hardenProblems({ db, slug: SLUG, parents, seed: 1 });
    expect(hardened.verified).toBeGreaterThan(10);
    expect(hardened.mean_difficulty_after).toBeGreaterThan(hardened.mean_difficulty_before);
    const variants = listProblems({ db, filter: { domain: SLUG, round: 1, verdict: "verified" }, limit: 1000 }).rows.map((r) => r.problem);
    const after = await evaluateProblems({ db, slug: SLUG, policy, agentFor, problems: variants, round: 1 });

    console.log(`built-in policy on ${SLUG}: pass rate ${before.pass_rate.toFixed(3)} on ${before.problems} problems, ${after.pass_rate.toFixed(3)} on ${after.problems} hardened variants`);
    expect(before.pass_rate).toBeGreaterThan(0.1); // it learned to read and answer some problems …
    expect(after.pass_rate).toBeLessThan(before.pass_rate); // … and their variants are harder for it
  }, 300_000);
});
