import type { Db } from "@/db/client";
import { evalTrials } from "@/db/queries/round-data";
import { setDomainResult, type RoundRow } from "@/db/queries/rounds";
import type { ChatMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import type { StepContext, StepOutcome } from "../context";
import { domainSpec, inputRows, inputsOf, revisionCache } from "../context";
import { buildFailureMap, type FailureMap, type MinedTrial } from "../failure-map";
import { locateFailure } from "../failure-point";
import { NO_POLICY_NOTE } from "../policy";
import type { GrowthSettings } from "../schema";
import { runRoundEval } from "./evaluate";

/** The policy the round's later steps measure: the trained one, else the one it started with. */
export function currentPolicy(round: RoundRow): string {
  const policy = round.results.train?.runIds ? round.results.train.policy : inputsOf(round).policy;
  if (!policy) throw new DomainError("invalid", `Round ${round.number} has no policy to evaluate: ${NO_POLICY_NOTE}.`);
  return policy;
}

/**
 * Failures of one stored evaluation, located on the tree: each trial's case (from the round's
 * input snapshot), its tree revision, and where its trajectory left the branch. Pure reads: the
 * same trials give the same map (a re-run of a closed round compares against it).
 */
export function mineEval(db: Db, round: RoundRow, domain: string, evalId: number, settings: Pick<GrowthSettings, "weakNodes" | "minFailures">): FailureMap {
  const rows = new Map(inputRows(db, round, domain).map((r) => [String(r.caseId), r.testCase]));
  const spec = domainSpec(db, domain);
  const docOf = revisionCache(db);
  const mined: MinedTrial[] = evalTrials({ db, evalId }).map((t) => {
    const tc = rows.get(t.caseId);
    if (!tc) throw new DomainError("internal", `Evaluation ${evalId} ran case ${t.caseId}, which is not in the round's input snapshot of ${domain}.`);
    const failure = t.outcome === "pass" ? null : locateFailure({ testCase: tc, messages: t.messages as ChatMessage[], domain: spec, doc: docOf(tc.branch.treeId, tc.branch.revision), error: t.error });
    const b = tc.branch;
    return { caseId: t.caseId, trial: t.trial, treeId: b.treeId, branchId: b.branchId, nodeIds: b.nodeIds, labels: b.labels, kind: tc.expected_outcome, persona: tc.persona, failure: failure ?? (t.outcome === "pass" ? null : { nodeId: b.nodeIds.at(-1) ?? "", category: "other", detail: t.outcome, step: null }) };
  });
  return buildFailureMap(mined, settings);
}

/**
 * Mine failures: the current policy plays each domain's training split k times (a stored
 * evaluation, trajectories kept), and every failed trial is placed on the tree node where it
 * left its branch, grouped by node and persona; the weakest nodes are chosen for growth.
 */
export async function mineStep(ctx: StepContext): Promise<StepOutcome> {
  const round = ctx.round();
  const policy = currentPolicy(round);
  const parts: string[] = [];
  for (const snap of inputsOf(round).snapshots) {
    if (ctx.round().results.mine?.[snap.domain]) continue;
    const { evalId } = await runRoundEval(ctx, { key: `mine:${snap.domain}`, domain: snap.domain, policy, split: "train", label: `${ctx.project.name} round ${round.number} mining: ${policy} on ${snap.domain} training cases` });
    const failures = mineEval(ctx.db, ctx.round(), snap.domain, evalId, ctx.project.settings.growth);
    setDomainResult({ db: ctx.db, id: round.id, group: "mine", domain: snap.domain, value: { evalId, failures } });
    parts.push(`${snap.domain}: ${failures.failures}/${failures.trials} trials failed, ${failures.weak.length} weak node(s)`);
  }
  return { status: "done", note: parts.join("; ") };
}
