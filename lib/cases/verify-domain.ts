import type { DomainSpec } from "@/lib/domain/schema";
import type { Branch, TreeDoc } from "@/lib/tree/schema";
import type { TestCase } from "./schema";
import { synthesizeTree } from "@/lib/synth";

export type TreeInput = { id: number | null; name: string; revision: number | null; doc: TreeDoc };
export type BranchProblem = { tree: string; branch: string; nodeIds: string[]; reason: string };
export type VerifySummary = {
  branches: number;
  cases: number;
  verified: number;
  unsatisfiable: BranchProblem[];
  failed: BranchProblem[];
};

const describeBranch = (b: Branch) => b.labels.join(" › ");

/** Synthesizes and proves one case per branch of every tree of a domain. */
export function verifyDomain(
  domain: DomainSpec,
  trees: TreeInput[],
  opts: { seed?: number; personas?: { id: string; persona: string }[] } = {},
): { summary: VerifySummary; cases: { treeId: number | null; revision: number | null; testCase: TestCase }[] } {
  const summary: VerifySummary = { branches: 0, cases: 0, verified: 0, unsatisfiable: [], failed: [] };
  const out: { treeId: number | null; revision: number | null; testCase: TestCase }[] = [];
  for (const t of trees) {
    const res = synthesizeTree(t.doc, domain, { seed: opts.seed ?? 1, personas: opts.personas ?? [], treeId: t.id, revision: t.revision, treeName: t.name });
    summary.branches += res.cases.length + res.unsatisfiable.length;
    for (const u of res.unsatisfiable) summary.unsatisfiable.push({ tree: t.name, branch: describeBranch(u.branch), nodeIds: u.branch.nodeIds, reason: u.reason });
    for (const f of res.failed) summary.failed.push({ tree: t.name, branch: describeBranch(f.branch), nodeIds: f.branch.nodeIds, reason: f.reason });
    for (const c of res.cases) {
      out.push({ treeId: t.id, revision: t.revision, testCase: c });
      summary.cases += 1;
      if (c.proof?.verified) summary.verified += 1;
    }
  }
  return { summary, cases: out };
}
