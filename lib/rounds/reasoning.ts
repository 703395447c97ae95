import { SnapshotHasher } from "@/lib/export";
import type { Problem } from "@/lib/reasoning/schema";
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
