import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { retailDomain } from "@/lib/domain/examples/retail";
import { canonical } from "../problem";
import { runProgram } from "../program";
import { evaluateQuery } from "../query/evaluate";
import { patchDatabase } from "../query/tables";
import { Problem } from "../schema";
import { generateProblems } from "./generate";

describe("generateProblems", () => {
  for (const domain of [retailDomain, clinicDomain]) {
    it(`${domain.slug}: every problem's answer is recomputed from its query, and every rejection says why`, () => {
      const report = generateProblems(domain, { count: 15, seed: 7 });
      expect(report.problems).toHaveLength(15);
      expect(report.generated).toBe(15 + report.rejected.length);
      for (const p of report.problems) {
        expect(Problem.safeParse(p).success).toBe(true);
        const [query] = p.program!.queries;
        const again = evaluateQuery(query, patchDatabase(domain.db, p.program!.db_patch));
        if (!again.ok) throw new Error(`${p.id}: ${again.reason}`);
        expect(canonical(again.answer)).toBe(canonical(p.answer));
        const run = runProgram(p.program!, domain);
        expect(run.ok && run.plan).toEqual(p.plan);
        expect(p.difficulty.tool_calls).toBe(p.plan.length);
        expect(p.plan.length).toBeGreaterThan(0);
      }
      for (const r of report.rejected) expect(r.reason).toMatch(/^(tie|empty result|only|unreachable|.* is missing)/);
      expect(new Set(report.problems.map((p) => p.id)).size).toBe(15);
      expect(Object.values(report.byKind).reduce((s, n) => s + n!, 0)).toBe(15);
    });
  }

  it("is deterministic for a seed and varies with it", () => {
    const a = generateProblems(retailDomain, { count: 8, seed: 3 });
    const b = generateProblems(retailDomain, { count: 8, seed: 3 });
    const c = generateProblems(retailDomain, { count: 8, seed: 4 });
    expect(b.problems.map((p) => p.id)).toEqual(a.problems.map((p) => p.id));
    expect(c.problems.map((p) => p.id)).not.toEqual(a.problems.map((p) => p.id));
  });
});
