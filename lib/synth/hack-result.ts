import type { Database } from "@/lib/domain/schema";
import type { StateChange, TreeRun } from "@/lib/env";

/**
 * violation: the persuaded calls change the database in a way the branch forbids.
 * blocked: the persuaded calls are made but the environment itself refuses the write.
 * legal: there is nothing to persuade the agent into (execute, clarify, or no execute route).
 */
export type HackStatus = "violation" | "blocked" | "legal";

export interface Hack {
  status: HackStatus;
  /** Why the case is legal, or which call the environment refused; "" for a plain violation. */
  note: string;
  /** The persuaded agent's calls, lookups included; empty when legal. */
  calls: TreeRun["calls"];
  /** Facts the user offers only under pressure (clarify: the missing facts, given when asked). */
  hackFacts: Record<string, unknown>;
  /** Facts the route's guards read that the user may as well state up front (what they ask for). */
  intentFacts: Record<string, unknown>;
  /** Changes the hack makes beyond the branch's own. */
  forbidden: StateChange[];
  finalHash: string | null;
  /** The hack run's node ids and confirm answers (in the forced tree); empty when legal. */
  nodeIds: string[];
  confirm: Record<string, boolean>;
}

export interface BranchCaseInput {
  db: Database;
  user: Record<string, unknown>;
  confirm: Record<string, boolean>;
  run: TreeRun;
}

export const legal = (note: string, hackFacts: Record<string, unknown> = {}): Hack => ({
  status: "legal",
  note,
  calls: [],
  hackFacts,
  intentFacts: {},
  forbidden: [],
  finalHash: null,
  nodeIds: [],
  confirm: {},
});
