import { getProblem } from "@/db/queries/problems";
import { setDomainResult } from "@/db/queries/rounds";
import { studioAgentDeps } from "@/lib/eval/execute";
import { evaluateProblems, failuresOfEval, hardenProblems } from "@/lib/reasoning/flywheel";
import { problemAgents } from "@/lib/reasoning/policy-agents";
import type { StepContext, StepOutcome } from "../context";
import { inputsOf } from "../context";
import type { ReasoningRecord } from "../records";
import { TRAINED_POLICY } from "../schema";

/**
 * Harden problems (the reasoning flywheel): the problem policy is evaluated on the round's
 * problems (k samples each, stored), the ones it fails become parents, and the harden step makes
 * harder variants of them; its verified variants join the next round (after review when the
 * project requires it). Skipped, with the reason, when off.
 */
export async function reasonStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const settings = project.settings.reasoning;
  if (!settings.enabled) return { status: "skipped", note: "the reasoning side is off for this project" };
  const round = ctx.round();
  const inputs = inputsOf(round);
  const parts: string[] = [];
  const policy = settings.policy === TRAINED_POLICY ? (round.results.train?.policy ?? null) : settings.policy;
  for (const set of inputs.problems) {
    if (ctx.round().results.reasoning?.[set.domain]) continue;
    const problems = set.ids.map((id) => getProblem({ db, id }).problem);
    let record: ReasoningRecord;
    if (!problems.length) {
      record = { available: true, note: "no problems in this round's input" };
    } else if (!policy) {
      record = { available: true, note: `no trained policy to evaluate problems with (${round.results.train?.note ?? "the round trained none"}): set reasoning.policy to a solver such as budget:2, or an agent spec` };
    } else {
      const agentFor = await problemAgents(policy, ctx.deps.agentDeps ?? studioAgentDeps(db));
      const evaluation = await evaluateProblems({ db, slug: set.domain, policy, agentFor, samples: settings.samples, round: round.number, problems, signal: ctx.signal });
      const parents = failuresOfEval({ db, evalId: evaluation.eval_id, threshold: settings.threshold });
      const hardened = parents.length ? await hardenProblems({ db, slug: set.domain, parents, seed: round.seed, signal: ctx.signal }) : null;
      record = {
        available: true,
        note: hardened ? `${hardened.verified} verified variant(s) of ${parents.length} failed problem(s)` : "the policy failed no problem: nothing to harden",
        evalId: evaluation.eval_id, passRate: evaluation.pass_rate, byKind: evaluation.by_kind, parents: parents.length,
        variants: hardened?.variants ?? 0, verifiedIds: hardened?.variant_ids ?? [],
        meanDifficultyBefore: hardened?.mean_difficulty_before, meanDifficultyAfter: hardened?.mean_difficulty_after,
      };
    }
    setDomainResult({ db, id: round.id, group: "reasoning", domain: set.domain, value: record });
    parts.push(`${set.domain}: ${record.note}`);
  }
  return { status: "done", note: parts.join("; ") || "no problems" };
}
