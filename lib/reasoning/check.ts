import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { canonical } from "./problem";
import { runProgram } from "./program";
import { patchDatabase } from "./query/tables";
import type { Problem } from "./schema";

/**
 * Re-checks a stored problem from scratch: a program's answer is recomputed and must equal the
 * stored one, and every planned tool call must succeed on the problem's database; an agreed
 * answer needs its quorum. Returns the reasons it fails (empty: it holds).
 */
export function checkProblem(problem: Problem, domain: DomainSpec | null): string[] {
  const reasons: string[] = [];
  if (problem.source === "program") {
    if (!problem.program) return ["a program problem has no program"];
    if (!domain || domain.slug !== problem.domain) return [`the problem's domain ${problem.domain} is not loaded`];
    const run = runProgram(problem.program, domain);
    if (!run.ok) return [`recomputing the answer failed: ${run.reason}`];
    if (canonical(run.answer) !== canonical(problem.answer)) reasons.push(`recomputed answer ${JSON.stringify(run.answer.value)} differs from the stored ${JSON.stringify(problem.answer.value)}`);
    const env = new Environment({ tools: domain.tools, db: patchDatabase(domain.db, problem.program.db_patch) });
    for (const [i, call] of problem.plan.entries()) {
      if (!problem.tools.includes(call.name)) reasons.push(`plan call ${i + 1} uses ${call.name}, which the problem does not allow`);
      const result = env.step({ name: call.name, arguments: call.arguments });
      if (!result.ok) reasons.push(`plan call ${i + 1} ${call.name}(${JSON.stringify(call.arguments)}) failed: ${result.error}`);
    }
  } else if (problem.source === "agreement") {
    const a = problem.agreement;
    if (!a) reasons.push("an agreed answer has no agreement record");
    else if (a.agreeing < a.required) reasons.push(`only ${a.agreeing} of ${a.solvers.length} solvers agree (${a.required} required)`);
  }
  return reasons;
}
