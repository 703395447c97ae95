import type { Db } from "@/db/client";
import { SnapshotHasher } from "@/lib/export";
import type { Agent } from "@/lib/rollout/agent";
import type { ProblemSetRecord } from "./records";

/**
 * The reasoning flywheel as a round uses it: a few functions of lib/reasoning and
 * db/queries/problems, loaded at run time and checked one by one, so a round still runs its
 * agentic steps (and says what is missing) when the reasoning side is absent or changes shape.
 */
type Problem = { id: string; answer: { kind: string }; difficulty: { score: number; pass_rates?: unknown[] } } & Record<string, unknown>;
type StoredProblem = { problem: Problem; status: string };
type AgentFactory = (problem: Problem, trial: number) => Agent;

interface FlywheelModule {
  generateAndStore(o: { db: Db; slug: string; count: number; seed?: number; round?: number }): { inserted: number };
  evaluateProblems(o: { db: Db; slug: string | null; policy: string; agentFor: AgentFactory; samples?: number; round?: number; problems?: Problem[]; signal?: AbortSignal }): Promise<{ eval_id: number; pass_rate: number; by_kind: Record<string, { problems: number; rate: number }> }>;
  failuresOfEval(o: { db: Db; evalId: number; threshold?: number; minSamples?: number }): Problem[];
  hardenProblems(o: { db: Db; slug: string; parents: Problem[]; seed?: number; signal?: AbortSignal }): Promise<{ parents: number; variants: number; verified: number; variant_ids: string[]; mean_difficulty_before: number; mean_difficulty_after: number }>;
  referenceFactory(spec: string): AgentFactory | null;
}
interface ProblemQueries {
  listProblems(o: { db: Db; filter?: { domain?: string | null; verdict?: "verified" | "rejected" }; limit?: number }): { rows: StoredProblem[]; total: number };
  getProblem(o: { db: Db; id: string }): StoredProblem;
  setProblemStatus(o: { db: Db; id: string; status: "pending" | "approved" | "rejected"; reviewer: string }): unknown;
}

export type ReasoningSide = { ok: true; flywheel: FlywheelModule; queries: ProblemQueries } | { ok: false; missing: string[] };

const NEEDED = { flywheel: ["generateAndStore", "evaluateProblems", "failuresOfEval", "hardenProblems", "referenceFactory"], queries: ["listProblems", "getProblem", "setProblemStatus"] };

/** Loads the reasoning side; `{ ok: false, missing }` names what is not there. */
export async function loadReasoning(): Promise<ReasoningSide> {
  // literal specifiers widened to string: the bundlers see the path, the type checker does not pin the shape
  const flywheel = (await import("@/lib/reasoning/flywheel" as string).catch(() => null)) as Record<string, unknown> | null;
  const queries = (await import("@/db/queries/problems" as string).catch(() => null)) as Record<string, unknown> | null;
  const missing = [
    ...NEEDED.flywheel.filter((n) => typeof flywheel?.[n] !== "function").map((n) => `lib/reasoning/flywheel ${n}`),
    ...NEEDED.queries.filter((n) => typeof queries?.[n] !== "function").map((n) => `db/queries/problems ${n}`),
  ];
  if (missing.length) return { ok: false, missing };
  return { ok: true, flywheel: flywheel as unknown as FlywheelModule, queries: queries as unknown as ProblemQueries };
}

/** A problem's content without its measured pass rates (those grow with every evaluation). */
const frozen = (p: Problem) => ({ ...p, difficulty: { ...p.difficulty, pass_rates: [] } });

/** The record of a set of problems: ids in order, a content hash, counts per answer kind. */
export function problemSetRecord(domain: string, problems: Problem[]): ProblemSetRecord {
  const hasher = new SnapshotHasher();
  const byKind: Record<string, number> = {};
  for (const p of problems) {
    hasher.add(frozen(p));
    byKind[p.answer.kind] = (byKind[p.answer.kind] ?? 0) + 1;
  }
  return { domain, ids: problems.map((p) => p.id).sort(), hash: hasher.digest(), byKind };
}

/** The agent factory for a problem policy spec: a reference solver, or any eval agent (openai:<model> …). */
export async function problemAgents(side: Extract<ReasoningSide, { ok: true }>, spec: string, resolve: (spec: string) => Promise<Agent>): Promise<AgentFactory> {
  const reference = side.flywheel.referenceFactory(spec);
  if (reference) return reference;
  const agent = await resolve(spec);
  return () => agent;
}

export type { Problem as RoundProblem };
