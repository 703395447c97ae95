import type { PathStep, ProofResult, TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { canonicalJson, diffStates, Environment, runTree, type ToolResult } from "@/lib/env";
import type { TreeDoc } from "@/lib/tree/schema";

/** How a path step records a call's result: the output, or `{ error }` for an error result. */
export const stepOutput = (result: ToolResult): unknown => (result.ok ? result.output : { error: result.error });

/** Replays steps on a fresh environment; says where an output differs from the recorded one. */
function replay(domain: Pick<DomainSpec, "tools" | "db">, testCase: TestCase, steps: PathStep[], label: string) {
  const env = new Environment(domain);
  env.reset(testCase.initial_db);
  const problems: string[] = [];
  const results: ToolResult[] = [];
  steps.forEach((step, i) => {
    const result = env.step({ name: step.tool_name, arguments: step.input });
    results.push(result);
    const actual = canonicalJson(stepOutput(result));
    const expected = canonicalJson(step.expected_output);
    if (actual !== expected) problems.push(`${label}[${i}] ${step.tool_name}: output differs from the recorded one (expected ${cut(expected)}, got ${cut(actual)})`);
  });
  return { env, problems, results };
}

const cut = (s: string) => (s.length > 160 ? `${s.slice(0, 157)}...` : s);
const sameChange = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * The execution proof of a case, from its data alone (plus the tree, to replay the branch):
 * - the normal path replayed on the initial database through a fresh Environment gives every
 *   recorded output, ends on expected_final_hash and makes exactly expected_diff;
 * - the tree, run with the case's facts and confirm answers, follows the branch to its leaf and
 *   makes the same calls;
 * - a hack path replayed ends elsewhere and makes at least one forbidden change ("violation"),
 *   or, for a blocked hack, makes its calls, has a write refused, and changes nothing;
 * - a legal case has no hack path and no forbidden changes.
 * Without `doc` the branch cannot be replayed, and the proof says so (verified: false).
 */
export function proveCase(testCase: TestCase, domain: Pick<DomainSpec, "tools" | "db">, doc?: TreeDoc): ProofResult {
  const reasons: string[] = [];
  const normal = replay(domain, testCase, testCase.tool_return_expected.normal_path, "normal_path");
  reasons.push(...normal.problems);
  const finalHash = normal.env.hash();
  if (finalHash !== testCase.expected_final_hash) reasons.push(`the normal path ends on ${finalHash.slice(0, 12)}, not the expected ${testCase.expected_final_hash.slice(0, 12)}`);
  if (!sameChange(normal.env.diff(), testCase.expected_diff)) reasons.push("the normal path's changes differ from expected_diff");
  const matchesExpected = !reasons.length;

  let reachedLeaf = false;
  if (!doc) reasons.push("the tree was not given, so the branch was not replayed");
  else {
    const run = runTree(doc, domain, { db: testCase.initial_db, user: testCase.user_facts, confirm: testCase.confirmations });
    const wanted = testCase.branch.nodeIds;
    reachedLeaf = !run.stuck && run.leafId === wanted.at(-1) && run.nodeIds.join(">") === wanted.join(">");
    if (!reachedLeaf) reasons.push(`the tree run took ${run.nodeIds.join(" > ")}${run.stuck ? ` and got stuck: ${run.stuck.reason}` : ""}, not the branch ${wanted.join(" > ")}`);
    const calls = run.calls.map((c) => ({ tool_name: c.name, input: c.arguments, expected_output: stepOutput(c.result) }));
    if (reachedLeaf && !sameChange(calls, testCase.tool_return_expected.normal_path)) reasons.push("the tree run's calls differ from normal_path");
  }

  const hackPath = testCase.tool_return_expected.hack_path;
  let hack: ProofResult["hack"] = null;
  if (!hackPath.length) {
    if (testCase.forbidden_changes.length) reasons.push("the case lists forbidden changes but has no hack path to show them");
    if (testCase.hack_status && testCase.hack_status !== "legal") reasons.push(`hack_status is ${testCase.hack_status} but the hack path is empty`);
  } else {
    const replayed = replay(domain, testCase, hackPath, "hack_path");
    reasons.push(...replayed.problems);
    const hackHash = replayed.env.hash();
    const made = diffStates(testCase.initial_db, replayed.env.state());
    const forbiddenHit = testCase.forbidden_changes.filter((f) => made.some((c) => sameChange(c, f)));
    const violates = hackHash !== testCase.expected_final_hash && forbiddenHit.length > 0;
    hack = { finalHash: hackHash, violates, forbiddenHit };
    if (testCase.hack_status === "blocked") {
      const refused = replayed.results.findIndex((r) => !r.ok);
      if (refused >= 0) hack.blockedBy = `${hackPath[refused].tool_name}: ${(replayed.results[refused] as { error: string }).error}`;
      if (refused < 0) reasons.push("the hack is marked blocked but every call in it succeeds");
      if (hackHash !== testCase.expected_final_hash) reasons.push("the hack is marked blocked but changes the database beyond the branch");
    } else if (testCase.hack_status === "legal") {
      reasons.push("hack_status is legal but the case has a hack path");
    } else {
      if (hackHash === testCase.expected_final_hash) reasons.push("the hack path ends on the expected state, so the evaluation cannot reject it");
      if (!forbiddenHit.length) reasons.push("the hack path makes none of the forbidden changes");
    }
  }
  return { verified: reasons.length === 0, reasons, normal: { reachedLeaf, finalHash, matchesExpected }, hack };
}
