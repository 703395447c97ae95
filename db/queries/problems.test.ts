import { describe, expect, it } from "vitest";
import { retailDomain } from "@/lib/domain/examples/retail";
import { evaluateProblems, failuresOfEval, generateAndStore, hardenProblems, referenceFactory } from "@/lib/reasoning/flywheel";
import { openDb } from "../client";
import { insertDomain } from "./domains";
import { difficultyByRound, getProblem, listProblems, problemFamily, saveProblems, setProblemStatus } from "./problems";

describe("problem queries and the flywheel over them", () => {
  const db = openDb(":memory:");
  insertDomain({ db, spec: retailDomain });

  it("stores generated problems once, filters them, and reviews them", () => {
    const first = generateAndStore({ db, slug: "retail-orders", count: 12, seed: 2 });
    expect(first.inserted).toBe(12);
    expect(saveProblems({ db, items: first.problems })).toEqual({ inserted: 0, existing: 12 });
    expect(listProblems({ db, filter: { domain: "retail-orders", verdict: "verified" } }).total).toBe(12);
    const kind = first.problems[0].answer.kind;
    expect(listProblems({ db, filter: { kind } }).rows.every((r) => r.problem.answer.kind === kind)).toBe(true);
    const hard = listProblems({ db, filter: { minDifficulty: 12 } }).rows;
    expect(hard.every((r) => r.problem.difficulty.score >= 12)).toBe(true);
    const reviewed = setProblemStatus({ db, id: first.problems[0].id, status: "approved", reviewer: "u1" });
    expect(reviewed).toMatchObject({ status: "approved", reviewedBy: "u1" });
    expect(() => getProblem({ db, id: "p_nope" })).toThrow(/not found/);
  });

  it("evaluates, hardens the failures, and the hardened set is harder for the same policy", async () => {
    const budget = "budget:2";
    const before = await evaluateProblems({ db, slug: "retail-orders", policy: budget, agentFor: referenceFactory(budget)!, samples: 2 });
    const parents = failuresOfEval({ db, evalId: before.eval_id, threshold: 1, minSamples: 2 });
    expect(parents.length).toBeGreaterThan(0);
    const passing = listProblems({ db, filter: { domain: "retail-orders" } }).rows.filter((r) => r.problem.difficulty.pass_rates[0]?.rate === 1);
    expect(parents.length + passing.length).toBe(before.problems);
    expect(listProblems({ db, filter: { maxPassRate: 0 } }).total).toBe(parents.length);

    const all = listProblems({ db, filter: { domain: "retail-orders" } }).rows.map((r) => r.problem);
    const report = await hardenProblems({ db, slug: "retail-orders", parents: all, seed: 1 });
    expect(report.verified).toBeGreaterThan(0);
    expect(report.mean_difficulty_after).toBeGreaterThan(report.mean_difficulty_before);
    const variants = report.variant_ids.map((id) => getProblem({ db, id }).problem);
    const after = await evaluateProblems({ db, slug: "retail-orders", policy: budget, agentFor: referenceFactory(budget)!, problems: variants, round: 1 });
    expect(after.pass_rate).toBeLessThan(before.pass_rate);

    const family = problemFamily({ db, id: variants[0].id });
    expect(family[0].problem.lineage.parent).toBeNull();
    expect(family.some((f) => f.problem.id === variants[0].id)).toBe(true);
    const rounds = difficultyByRound({ db, domain: "retail-orders" });
    expect(new Set(rounds.map((r) => r.round))).toEqual(new Set([0, 1]));
  }, 20_000);
});
