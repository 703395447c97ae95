import { describe, expect, it } from "vitest";
import { retailDomain } from "@/lib/domain/examples/retail";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { generateProblems } from "../generate/generate";
import { programProblem } from "../problem";
import { evaluateQuery } from "../query/evaluate";
import { patchDatabase } from "../query/tables";
import { mutateProblem } from "./mutate";

describe("mutateProblem", () => {
  for (const domain of [retailDomain, clinicDomain]) {
    it(`${domain.slug}: every variant's computed difficulty is strictly above its parent's, with its lineage`, () => {
      const parents = generateProblems(domain, { count: 8, seed: 11 }).problems;
      const kinds = new Set<string>();
      let variants = 0;
      for (const parent of parents) {
        const report = mutateProblem(domain, parent, { seed: 1 });
        for (const v of report.variants) {
          variants++;
          kinds.add(v.lineage.mutation!);
          expect(v.difficulty.score).toBeGreaterThan(parent.difficulty.score);
          expect(v.lineage).toMatchObject({ parent: parent.id, root: parent.lineage.root, round: parent.lineage.round + 1 });
          expect(v.id).not.toBe(parent.id);
        }
        for (const r of report.rejected) expect(r.reason.length).toBeGreaterThan(0);
      }
      expect(variants).toBeGreaterThanOrEqual(parents.length / 2);
      expect(kinds.size).toBeGreaterThanOrEqual(3);
    });
  }

  it("a distractor is a record the filter drops and a careless agent would count", () => {
    const built = programProblem(retailDomain, {
      queries: [{ anchor: { table: "customers", key: "cust_zoe_dubois" }, steps: [{ op: "children", table: "orders", fk: "customer_id" }, { op: "where", field: "status", cmp: "eq", value: "delivered" }], result: { op: "count" } }],
      db_patch: [],
    });
    if (!built.ok) throw new Error(built.reason);
    const report = mutateProblem(retailDomain, built.problem, { mutations: ["distractor"] });
    const [v] = report.variants;
    expect(report.rejected).toEqual([]);
    const [patch] = v.program!.db_patch;
    expect(patch).toMatchObject({ table: "orders", key: expect.stringMatching(/^#W20\d\d$/) });
    expect(patch.record.status).not.toBe("delivered");
    expect(v.answer.value).toBe(built.problem.answer.value);
    const careless = evaluateQuery({ ...v.program!.queries[0], steps: v.program!.queries[0].steps.slice(0, 1) }, patchDatabase(retailDomain.db, v.program!.db_patch));
    expect(careless.ok && careless.answer.value).toBe(4);
    expect(v.plan.some((c) => JSON.stringify(c).includes(patch.key)) || v.difficulty.solution_steps > built.problem.difficulty.solution_steps).toBe(true);
  });

  it("free-text problems do not mutate: they say so", () => {
    const [p] = generateProblems(retailDomain, { count: 1, seed: 1 }).problems;
    const report = mutateProblem(retailDomain, { ...p, source: "import", program: undefined });
    expect(report.variants).toEqual([]);
    expect(report.rejected[0].reason).toMatch(/only program problems/);
  });
});
