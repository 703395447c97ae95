import type { PathStep, TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { diffStates, runTree, type TreeRun } from "@/lib/env";
import { enumerateBranches } from "@/lib/tree/branches";
import type { Branch, TreeDoc } from "@/lib/tree/schema";
import { buildHack, hackPreference, type Hack } from "./hack";
import { seedFor } from "./prng";
import { stepOutput, proveCase } from "./proof";
import { renderCase, type PersonaInput } from "./render";
import { findBranchInput, type BranchInput } from "./search";

export interface SynthOptions {
  seed: number;
  /** Persona texts (or the seed library's {id, persona}); one is picked per case, seeded. */
  personas: PersonaInput[];
  treeId: number | null;
  revision: number | null;
  /** The tree's name, used as the topic of the task ("Cancel or return an order"). */
  treeName?: string;
  /** Search budget per branch (walks); default: lib/synth/search's. */
  maxIterations?: number;
}

export type SynthResult = { ok: true; case: TestCase } | { ok: false; branch: Branch; reason: string };

export interface TreeSynthesis {
  cases: TestCase[];
  unsatisfiable: { branch: Branch; reason: string }[];
  /** Cases whose proof failed; they are in `cases` too, with proof.verified = false. */
  failed: { branch: Branch; reason: string }[];
}

/** Other data for the same branch may let the hack go through where the first choice was refused. */
const ATTEMPTS_FOR_A_VIOLATION = 2;

const toSteps = (calls: TreeRun["calls"]): PathStep[] => calls.map((c) => ({ tool_name: c.name, input: c.arguments, expected_output: stepOutput(c.result) }));

/**
 * One branch → one proven test case: a database and facts that drive the interpreter down the
 * branch (search.ts), the hack path a persuaded agent would take (hack.ts), the paper's text fields
 * (render.ts) and the execution proof (proof.ts). Deterministic for a seed; the per-branch seed
 * depends on the branch id, so editing one branch does not reshuffle the others' cases.
 */
export function synthesizeCase(doc: TreeDoc, branch: Branch, domain: DomainSpec, opts: SynthOptions): SynthResult {
  const seed = seedFor(opts.seed, branch.id);
  let chosen: { found: Extract<BranchInput, { ok: true }>; hack: Hack } | null = null;
  const prefer = hackPreference(doc, branch, domain);
  for (let attempt = 0; attempt < ATTEMPTS_FOR_A_VIOLATION; attempt++) {
    const found = findBranchInput(doc, branch, domain, { seed: seed + attempt, maxIterations: opts.maxIterations, prefer });
    if (!found.ok) {
      if (!chosen) return { ok: false, branch, reason: found.reason };
      break;
    }
    const hack = buildHack(doc, branch, domain, found, seed + attempt);
    if (!chosen || (hack.status === "violation" && chosen.hack.status !== "violation")) chosen = { found, hack };
    if (hack.status === "violation" || !["refuse", "transfer", "abort"].includes(branch.outcome)) break;
  }
  const { found, hack } = chosen!;
  const user = { ...found.user, ...hack.intentFacts };
  const run = Object.keys(hack.intentFacts).length ? runTree(doc, domain, { db: found.db, user, confirm: found.confirm }) : found.run;
  const expectedDiff = diffStates(found.db, run.finalDb);
  const text = renderCase({ doc, branch, domain, user, hack, expectedDiff, personas: opts.personas, seed, treeName: opts.treeName });
  const leaf = doc.nodes[branch.leafId];
  const testCase: TestCase = structuredClone({
    ...text,
    tool_return_expected: { normal_path: toSteps(run.calls), hack_path: toSteps(hack.calls) },
    user_facts: user,
    hack_facts: hack.hackFacts,
    confirmations: found.confirm,
    initial_db: found.db,
    expected_final_hash: run.finalHash,
    expected_diff: expectedDiff,
    forbidden_changes: hack.forbidden,
    expected_outcome: branch.outcome,
    expected_clarifications: branch.outcome === "clarify" ? (leaf?.missing ?? []) : [],
    branch: { treeId: opts.treeId, revision: opts.revision, branchId: branch.id, nodeIds: branch.nodeIds, labels: branch.labels },
    proof: null,
    source: "tree" as const,
    hack_status: hack.status,
    ...(hack.note ? { hack_note: hack.note } : {}),
  });
  testCase.proof = proveCase(testCase, domain, doc);
  return { ok: true, case: testCase };
}

/** Every branch of a tree: a case each, or the reason its branch cannot be satisfied. */
export function synthesizeTree(doc: TreeDoc, domain: DomainSpec, opts: SynthOptions): TreeSynthesis {
  const out: TreeSynthesis = { cases: [], unsatisfiable: [], failed: [] };
  for (const branch of enumerateBranches(doc)) {
    const result = synthesizeCase(doc, branch, domain, opts);
    if (!result.ok) {
      out.unsatisfiable.push({ branch, reason: result.reason });
      continue;
    }
    out.cases.push(result.case);
    if (!result.case.proof?.verified) out.failed.push({ branch, reason: result.case.proof?.reasons.join("; ") ?? "not proven" });
  }
  return out;
}
