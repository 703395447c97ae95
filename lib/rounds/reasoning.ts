import { SnapshotHasher } from "@/lib/export";
import { referenceFactory, type AgentFactory } from "@/lib/reasoning/flywheel";
import type { Problem } from "@/lib/reasoning/schema";
import type { Agent } from "@/lib/rollout/agent";
import type { ProblemSetRecord } from "./records";

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
export async function problemAgents(spec: string, resolve: (spec: string) => Promise<Agent>): Promise<AgentFactory> {
  const reference = referenceFactory(spec);
  if (reference) return reference;
  const agent = await resolve(spec);
  return () => agent;
}
