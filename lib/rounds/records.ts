import type { ModelRef } from "@/lib/train/protocol";
import type { FailureMap } from "./failure-map";
import type { GrowthItem } from "./growth";
import type { BandCounts } from "./band";

/**
 * What a round records, as plain JSON (db/schema-rounds.ts keeps each group in its own column).
 * Per-domain maps are keyed by domain slug. Everything the next steps and a re-run need is
 * here: a re-run of a closed round reads only these records and the frozen snapshots.
 */

/** A frozen set of cases: a snapshot row, its content hash and counts. */
export interface SnapshotRecord {
  domain: string;
  snapshotId: number;
  hash: string;
  cases: number;
  train: number;
  validation: number;
  /** Cases per branch kind (expected_outcome), train split. */
  byKind: Record<string, number>;
}

/** A frozen set of reasoning problems (ids plus a content hash). */
export interface ProblemSetRecord {
  domain: string;
  ids: string[];
  hash: string;
  byKind: Record<string, number>;
}

export interface RoundInputs {
  snapshots: SnapshotRecord[];
  problems: ProblemSetRecord[];
  /** Items of each kind the round trains or evaluates on. */
  mix: { cases: number; problems: number };
  /** The agent spec of the policy entering the round (null: no evaluable policy yet, e.g. a scratch built-in). */
  policy: string | null;
  /** What training starts from. */
  model: ModelRef | null;
  /** The seed of this round's generation (derived from the project's seed and the round number). */
  seed: number;
}

export interface EvalRecord {
  evalId: number;
  pass_at_1: number;
  pass_hat_k: number;
  by_kind: Record<string, { cases: number; pass_at_1: number; pass_hat_k: number }>;
  by_outcome: Record<string, number>;
}

export interface GeneratedRecord {
  /** The step job that stored the cases (their generation.jobId). */
  jobId: number;
  seed: number;
  plan: GrowthItem[];
  caseIds: number[];
  /** Which plan item made which case (a re-run regenerates item idx and compares). */
  made: { idx: number; caseId: number }[];
  failed: { idx: number; branchId: string; reason: string }[];
  /** Tree expander proposals at the weak nodes (a tree.expand job per tree), or why none. */
  proposals: { treeId: number; jobId: number | null; steps: string[]; note: string }[];
}

export interface SelectionRecord {
  /** [successes, trials] per candidate case id. */
  rates: Record<string, [number, number]>;
  existing: BandCounts;
  added: BandCounts;
  keptIds: number[];
}

export interface ReasoningRecord {
  available: boolean;
  note: string;
  evalId?: number;
  passRate?: number;
  byKind?: Record<string, { problems: number; rate: number }>;
  parents?: number;
  variants?: number;
  verifiedIds?: string[];
  meanDifficultyBefore?: number;
  meanDifficultyAfter?: number;
}

export interface ReviewRecord {
  required: boolean;
  autoApproved: number;
  cases: { pending: number; approved: number; rejected: number };
  problems: { pending: number; approved: number; rejected: number };
}

export interface RoundResults {
  /** Evaluations started, by "<step>:<domain>": a resumed step runs the same evaluation again instead of adding one. */
  evalIds?: Record<string, number>;
  train?: { runIds: Record<string, number>; checkpoint: string | null; policy: string | null; note?: string };
  evalBefore?: Record<string, EvalRecord | null>;
  evalAfter?: Record<string, EvalRecord | null>;
  mine?: Record<string, { evalId: number; failures: FailureMap }>;
  generated?: Record<string, GeneratedRecord>;
  verification?: Record<string, { verified: number[]; unverified: { caseId: number; reason: string }[] }>;
  selection?: Record<string, SelectionRecord>;
  reasoning?: Record<string, ReasoningRecord>;
  review?: ReviewRecord;
}

export interface RoundOutput {
  snapshots: (SnapshotRecord & { added: number; addedIds: number[]; addedByKind: Record<string, number>; dropped: number })[];
  problems: (ProblemSetRecord & { added: number })[];
  /** The policy the next round starts from. */
  policy: string | null;
  model: ModelRef | null;
}
