/**
 * Reasoning flywheel benchmark: data-analysis problems generated and verified per second for each
 * example domain (candidates built, answered by their query, planned against the read tools and
 * replayed in the environment), harder variants per second, and answers verified per second per
 * verifier kind (the math verifier through the compute engine). Figures only.
 *
 *   npx tsx bench/reasoning.ts [problems-per-domain]
 */
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import { mutateProblem } from "@/lib/reasoning/harden/mutate";
import type { Answer } from "@/lib/reasoning/schema";
import { verifyAnswer } from "@/lib/reasoning/verify/answer";

const rate = (n: number, ms: number) => `${((n * 1000) / ms).toFixed(1)}/s`;

export async function benchReasoning(count = Number.isFinite(Number(process.argv[2])) ? Number(process.argv[2]) : 100): Promise<void> {
  for (const { spec } of EXAMPLE_DOMAINS) {
    const t0 = performance.now();
    const report = generateProblems(spec, { count, seed: 1 });
    const gen = performance.now() - t0;
    const t1 = performance.now();
    let variants = 0;
    const parents = report.problems.slice(0, 30);
    for (const p of parents) variants += mutateProblem(spec, p, { seed: 1 }).variants.length;
    const hard = performance.now() - t1;
    console.log(
      `${spec.slug.padEnd(20)} generated+verified ${report.problems.length} of ${report.generated} candidates in ${gen.toFixed(0)} ms (${rate(report.problems.length, gen)} verified, ${rate(report.generated, gen)} candidates); ` +
        `hardened ${parents.length} parents → ${variants} variants in ${hard.toFixed(0)} ms (${rate(variants, hard)})`,
    );
  }
  const cases: [Answer, string][] = [
    [{ kind: "number", value: 1000, tolerance: 0 }, "1e3"],
    [{ kind: "set", value: ["#W2002", "#W2008"] }, "#W2008, #W2002"],
    [{ kind: "math", value: "\\frac{3}{4}" }, "0.75"],
    [{ kind: "math", value: "(x+1)^2" }, "x^2+2x+1"],
  ];
  verifyAnswer(cases[2][0], cases[2][1]); // the compute engine starts once (about a second)
  for (const [answer, given] of cases) {
    const n = 500;
    const t = performance.now();
    for (let i = 0; i < n; i++) verifyAnswer(answer, given);
    const ms = performance.now() - t;
    console.log(`verify ${answer.kind.padEnd(6)} ${JSON.stringify(given).padEnd(14)} ${rate(n, ms)}`);
  }
}

if (process.argv[1]?.endsWith("reasoning.ts")) void benchReasoning();
