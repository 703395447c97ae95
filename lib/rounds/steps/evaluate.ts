import { updateRound } from "@/db/queries/rounds";
import { executeEval, prepareEval, studioAgentDeps } from "@/lib/eval/execute";
import type { EvalSummary } from "@/lib/eval/metrics";
import type { EvalSplit } from "@/lib/eval/setup";
import type { StepContext, StepOutcome } from "../context";
import { inputsOf } from "../context";
import { NO_POLICY_NOTE } from "../policy";
import type { EvalRecord } from "../records";

/** The figures a round keeps of an evaluation (the trials stay in eval_results). */
export function evalRecord(evalId: number, s: EvalSummary): EvalRecord {
  return {
    evalId, pass_at_1: s.pass_at_1, pass_hat_k: s.pass_hat_k,
    by_kind: Object.fromEntries(Object.entries(s.by_kind).map(([k, v]) => [k, { cases: v.cases, pass_at_1: v.pass_at_1, pass_hat_k: v.pass_hat_k }])),
    by_outcome: Object.fromEntries(Object.entries(s.by_outcome).map(([o, v]) => [o, v!.trials])),
  };
}

/**
 * Runs one stored evaluation of `policy` on a split of the round's input snapshot of `domain`
 * (k = the project's trials). Its id is recorded before it runs, so a resumed step runs the
 * same evaluation again (executeEval starts it over) instead of leaving a stray one.
 */
export async function runRoundEval(ctx: StepContext, o: { key: string; domain: string; policy: string; split: EvalSplit; label: string }): Promise<{ evalId: number; summary: EvalSummary }> {
  const { db, project } = ctx;
  const round = ctx.round();
  const deps = ctx.deps.agentDeps ?? studioAgentDeps(db);
  const snap = inputsOf(round).snapshots.find((s) => s.domain === o.domain)!;
  let evalId = round.results.evalIds?.[o.key];
  if (evalId === undefined) {
    const request = { agent: o.policy, dataset: { kind: "snapshot" as const, snapshotId: snap.snapshotId }, split: o.split, trials: project.settings.trials, maxTurns: project.settings.maxTurns, seed: project.settings.seed, label: o.label };
    evalId = prepareEval({ db, request, createdBy: `round ${round.number} of ${project.name}`, deps }).eval.id;
    updateRound({ db, id: round.id, patch: { results: { evalIds: { ...round.results.evalIds, [o.key]: evalId } } } });
  }
  const summary = await executeEval({ db, evalId, signal: ctx.signal, deps });
  return { evalId, summary };
}

/**
 * Evaluate before / after: the policy on each domain's held-out set (the input's validation
 * split). Skipped, with the reason, when there is no evaluable policy or nothing was trained.
 */
export function heldOutEvalStep(which: "evalBefore" | "evalAfter"): (ctx: StepContext) => Promise<StepOutcome> {
  return async (ctx) => {
    const round = ctx.round();
    const inputs = inputsOf(round);
    const policy = which === "evalBefore" ? inputs.policy : round.results.train?.policy ?? null;
    if (which === "evalAfter" && (ctx.project.backend === "none" || !round.results.train?.runIds)) {
      return { status: "skipped", note: "nothing was trained this round: the evaluation before stands" };
    }
    if (!policy) return { status: "skipped", note: NO_POLICY_NOTE };
    const records: Record<string, EvalRecord | null> = { ...(ctx.round().results[which] ?? {}) };
    const parts: string[] = [];
    for (const snap of inputs.snapshots) {
      if (records[snap.domain]) continue;
      if (!snap.validation) {
        records[snap.domain] = null;
        parts.push(`${snap.domain}: no held-out cases`);
        continue;
      }
      const tag = which === "evalBefore" ? "before" : "after";
      const { evalId, summary } = await runRoundEval(ctx, { key: `${which}:${snap.domain}`, domain: snap.domain, policy, split: "validation", label: `${ctx.project.name} round ${round.number} ${tag}: ${policy} on ${snap.domain} held-out` });
      records[snap.domain] = evalRecord(evalId, summary);
      updateRound({ db: ctx.db, id: round.id, patch: { results: { [which]: records } } });
      parts.push(`${snap.domain}: pass@1 ${summary.pass_at_1.toFixed(3)}`);
    }
    return { status: "done", note: parts.join("; ") };
  };
}
