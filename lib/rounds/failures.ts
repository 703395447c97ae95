import type { Db } from "@/db/client";
import { evalTrials } from "@/db/queries/round-data";
import type { RoundRow } from "@/db/queries/rounds";
import type { ChatMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import { domainSpec, inputRows, revisionCache } from "./context";
import { locateFailure, type FailurePoint } from "./failure-point";

export interface NodeFailure {
  caseId: string;
  trial: number;
  outcome: string;
  persona: string;
  branch: string[];
  failure: FailurePoint;
  messages: ChatMessage[];
}

/**
 * The failing trials of a round's mining evaluation located at one tree node, with their
 * trajectories (what the failure map opens on a click). At most `limit`, case by case.
 */
export function nodeFailures({ db, round, domain, treeId, nodeId, limit = 50 }: { db: Db; round: RoundRow; domain: string; treeId: number | null; nodeId: string; limit?: number }): NodeFailure[] {
  const mined = round.results.mine?.[domain];
  if (!mined) throw new DomainError("not_found", `Round ${round.number} has not mined ${domain}'s failures yet.`);
  const stat = mined.failures.nodes.find((n) => n.treeId === treeId && n.nodeId === nodeId);
  if (!stat?.failures) return [];
  const wanted = new Set(stat.caseIds);
  const cases = new Map(inputRows(db, round, domain).filter((r) => wanted.has(String(r.caseId))).map((r) => [String(r.caseId), r.testCase]));
  const spec = domainSpec(db, domain);
  const docOf = revisionCache(db);
  const out: NodeFailure[] = [];
  for (const t of evalTrials({ db, evalId: mined.evalId })) {
    const tc = cases.get(t.caseId);
    if (!tc || t.outcome === "pass") continue;
    const messages = t.messages as ChatMessage[];
    const failure = locateFailure({ testCase: tc, messages, domain: spec, doc: docOf(tc.branch.treeId, tc.branch.revision), error: t.error });
    if (failure?.nodeId !== nodeId) continue;
    out.push({ caseId: t.caseId, trial: t.trial, outcome: t.outcome, persona: tc.persona, branch: tc.branch.labels, failure, messages });
    if (out.length >= limit) break;
  }
  return out;
}
