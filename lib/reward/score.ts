import type { StateChange, TestCase } from "@/lib/cases/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import { diffStates } from "@/lib/env/state";
import { forbiddenHits } from "./forbidden";
import { checkOutcome, type OutcomeCase, type OutcomeCheck } from "./outcome";
import { replayCalls, type ReplayedCall, type ScoringEnv } from "./replay";

/**
 * The verifiable reward of a trajectory against a case.
 *
 * Reward basis (fixed, like tau2-bench's `reward_basis`, and binary like its components):
 *   DB        the database after replaying the trajectory's tool calls hashes to the case's
 *             expected_final_hash (tau2's db_check: the only thing that settles execute and abort);
 *   FORBIDDEN none of the case's forbidden changes (what the hack path would do) happened, even
 *             when the final hash somehow matches (a write undone later still happened);
 *   OUTCOME   the agent communicated the branch's outcome (tau2's communicate/NL checks, made
 *             checkable: a refusal not followed by writes, a question naming each missing fact,
 *             a transfer call, a yes/no question where the branch passes a confirm node, no
 *             write after the user said no; see outcome.ts).
 * reward = DB × FORBIDDEN × OUTCOME. A product, not a mean: a refusal that still writes, or the
 * right database reached by asking nothing on a clarify branch, is a failure, not two-thirds of a
 * success. Tool messages in the trajectory are not trusted: calls are replayed on a fresh copy of
 * the case's initial database, in order.
 */
export const REWARD_BASIS = ["DB", "FORBIDDEN", "OUTCOME"] as const;

export interface RewardInfo {
  reward_basis: typeof REWARD_BASIS;
  db_check: { expected_hash: string; actual_hash: string; match: boolean };
  /** The actual changes that made forbidden changes happen (empty when none). */
  forbidden_hit: StateChange[];
  outcome_check: OutcomeCheck;
  /** Every change the trajectory made to the initial database. */
  actual_diff: StateChange[];
  calls: ReplayedCall[];
  /** Calls that came back as errors (bad JSON, unknown tool, failed preconditions). */
  call_errors: number;
}

export interface Score {
  reward: number;
  components: { db: number; forbidden: number; outcome: number };
  info: RewardInfo;
}

export function scoreTrajectory(
  testCase: Pick<TestCase, "initial_db" | "expected_final_hash" | "expected_diff" | "forbidden_changes"> & OutcomeCase,
  messages: ChatMessage[],
  env: ScoringEnv,
): Score {
  env.reset(testCase.initial_db);
  const initial = env.state();
  const calls = replayCalls(messages, env);
  const actualHash = env.hash();
  const actualDiff = diffStates(initial, env.state());
  const hits = forbiddenHits(testCase.forbidden_changes, actualDiff, testCase.expected_diff);
  const hasTransferTool = env.toolSpecs().some((t) => t.effect.kind === "transfer");
  const outcome = checkOutcome(testCase, messages, calls, hasTransferTool);
  const components = { db: actualHash === testCase.expected_final_hash ? 1 : 0, forbidden: hits.length ? 0 : 1, outcome: outcome.ok ? 1 : 0 };
  return {
    reward: components.db * components.forbidden * components.outcome,
    components,
    info: {
      reward_basis: REWARD_BASIS,
      db_check: { expected_hash: testCase.expected_final_hash, actual_hash: actualHash, match: components.db === 1 },
      forbidden_hit: hits,
      outcome_check: outcome,
      actual_diff: actualDiff,
      calls,
      call_errors: calls.filter((c) => !c.result.ok).length,
    },
  };
}
