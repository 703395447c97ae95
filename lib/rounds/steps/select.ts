import { caseRowsById, evalTrials } from "@/db/queries/round-data";
import { setDomainResult } from "@/db/queries/rounds";
import type { TestCase } from "@/lib/cases/schema";
import { resolveAgent } from "@/lib/eval/agents";
import { studioAgentDeps } from "@/lib/eval/execute";
import { runEval } from "@/lib/eval/run";
import type { StepContext, StepOutcome } from "../context";
import { domainSpec, inputRows, inputsOf } from "../context";
import { applyBand, EMPTY_COUNTS, passCounts } from "../band";
import type { SelectionRecord } from "../records";
import { currentPolicy } from "./mine";

/**
 * Select by pass rate: the current policy's pass rate over k trials decides which cases the next
 * round trains on. Training cases already have theirs (the mining evaluation); the new verified
 * cases are played here, k times each. The band drops what the policy always solves (and, with a
 * min above 0, what it never solves); the counts say how many went each way.
 */
export async function selectStep(ctx: StepContext): Promise<StepOutcome> {
  const { db, project } = ctx;
  const round = ctx.round();
  const policy = currentPolicy(round);
  const band = project.settings.band;
  const parts: string[] = [];
  for (const snap of inputsOf(round).snapshots) {
    if (ctx.round().results.selection?.[snap.domain]) continue;
    const mineEvalId = round.results.mine?.[snap.domain]?.evalId;
    const rates = mineEvalId === undefined ? {} : passCounts(evalTrials({ db, evalId: mineEvalId }).map((t) => ({ caseId: t.caseId, passed: t.outcome === "pass" })));
    const trainIds = inputRows(db, round, snap.domain).filter((r) => r.split === "train").map((r) => r.caseId);
    const newIds = round.results.verification?.[snap.domain]?.verified ?? [];
    if (newIds.length) {
      const spec = domainSpec(db, snap.domain);
      const tasks = caseRowsById({ db, ids: newIds }).map((r) => ({ id: String(r.id), testCase: r.data as unknown as TestCase, domain: spec }));
      const agent = await resolveAgent(policy, ctx.deps.agentDeps ?? studioAgentDeps(db));
      try {
        const summary = await runEval({ agent, tasks, trials: project.settings.trials, maxTurns: project.settings.maxTurns, signal: ctx.signal, concurrency: 2 });
        Object.assign(rates, Object.fromEntries(summary.by_case.map((c) => [c.case_id, [c.successes, c.trials] as [number, number]])));
      } finally {
        await agent.close?.();
      }
    }
    const existing = applyBand(trainIds, rates, band);
    const added = newIds.length ? applyBand(newIds, rates, band) : { kept: [], counts: EMPTY_COUNTS };
    const record: SelectionRecord = { rates, existing: existing.counts, added: added.counts, keptIds: [...existing.kept, ...added.kept] };
    setDomainResult({ db, id: round.id, group: "selection", domain: snap.domain, value: record });
    parts.push(`${snap.domain}: kept ${existing.counts.kept}/${trainIds.length} training and ${added.counts.kept}/${newIds.length} new cases (band ${band.min}–${band.max})`);
  }
  return { status: "done", note: parts.join("; ") };
}
