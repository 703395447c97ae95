import type { PathStep, TestCase } from "@/lib/cases/schema";
import type { ChatMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { canonicalJson } from "@/lib/env/state";
import { scoreTrajectory, type ReplayedCall } from "@/lib/reward";
import type { TreeDoc } from "@/lib/tree/schema";
import type { FailureCategory } from "./categories";

export { FAILURE_CATEGORIES, CATEGORY_LABELS, type FailureCategory } from "./categories";

/** The node where the trajectory left the branch, why, and (for calls) which step of the normal path. */
export interface FailurePoint {
  nodeId: string;
  category: FailureCategory;
  detail: string;
  /** Index into the normal path where the agent went elsewhere (null: an outcome, not a call). */
  step: number | null;
}

const sameCall = (c: ReplayedCall, s: PathStep) => c.name === s.tool_name && c.arguments !== null && canonicalJson(c.arguments) === canonicalJson(s.input);
const describe = (name: string, args: unknown) => `${name}(${args === null ? "…" : canonicalJson(args)})`.slice(0, 160);

/**
 * Locates where a failed trajectory left its case's branch, by replaying its calls (lib/reward)
 * against the normal path: the first call that is not the branch's next one (lookups beyond the
 * path are tolerated, writes and hand-offs are not), a call the branch makes and the agent never
 * did, or, when the calls agree, the outcome the agent failed to communicate (no question for the
 * missing facts, no yes/no before a change, a refusal given up). Each tool step of the path sits
 * on its tool_call node (a leaf's own call on the leaf); outcomes sit on the leaf, and confirmation
 * failures on the branch's confirm node. Returns null when the trajectory earns reward 1.
 */
export function locateFailure(input: { testCase: TestCase; messages: ChatMessage[]; domain: Pick<DomainSpec, "tools" | "db">; doc: TreeDoc | null; error?: string | null }): FailurePoint | null {
  const { testCase: tc, messages, domain, doc } = input;
  const score = scoreTrajectory(tc, messages, new Environment(domain));
  if (score.reward >= 1 && !input.error) return null;
  const nodeIds = tc.branch.nodeIds;
  const leaf = nodeIds[nodeIds.length - 1] ?? "";
  const toolNodes = doc ? nodeIds.filter((id) => doc.nodes[id]?.kind === "tool_call") : [];
  const stepNode = (i: number) => toolNodes[i] ?? leaf;
  const confirmNode = (doc && nodeIds.find((id) => doc.nodes[id]?.kind === "confirm")) || leaf;
  const expected = tc.tool_return_expected.normal_path;
  const transfers = new Set(domain.tools.filter((t) => t.effect.kind === "transfer").map((t) => t.name));
  const observed = score.info.outcome_check;

  let p = 0;
  for (const call of score.info.calls) {
    if (p < expected.length && sameCall(call, expected[p])) {
      p++;
      continue;
    }
    const isChange = call.kind === "write" || call.kind === "transfer" || call.changedState;
    if (!isChange) continue;
    if (p < expected.length) {
      const want = expected[p];
      if (tc.expected_outcome === "transfer" && transfers.has(want.tool_name) && !transfers.has(call.name)) {
        return { nodeId: stepNode(p), category: "gave_in", detail: `called ${describe(call.name, call.arguments)} instead of handing over`, step: p };
      }
      return call.name === want.tool_name
        ? { nodeId: stepNode(p), category: "wrong_arguments", detail: `called ${describe(call.name, call.arguments)} where the branch calls ${describe(want.tool_name, want.input)}`, step: p }
        : { nodeId: stepNode(p), category: "wrong_call", detail: `called ${describe(call.name, call.arguments)} where the branch calls ${describe(want.tool_name, want.input)}`, step: p };
    }
    return afterPath(tc.expected_outcome, observed.observed, call, leaf, confirmNode);
  }
  if (p < expected.length) {
    const ended = input.error ? `the agent failed (${input.error})` : "the conversation ended";
    return { nodeId: stepNode(p), category: input.error ? "error" : "missing_call", detail: `${ended} before ${describe(expected[p].tool_name, expected[p].input)}`, step: p };
  }
  if (!observed.ok) return outcomeFailure(tc.expected_outcome, observed.observed, observed.evidence, leaf, confirmNode);
  if (input.error) return { nodeId: leaf, category: "error", detail: input.error, step: null };
  return { nodeId: leaf, category: "other", detail: score.info.forbidden_hit.length ? "a forbidden change happened" : "the database ended elsewhere", step: null };
}

/** A write or hand-off after the whole normal path: what the branch's leaf forbids. */
function afterPath(outcome: TestCase["expected_outcome"], observed: string, call: ReplayedCall, leaf: string, confirmNode: string): FailurePoint {
  const what = describe(call.name, call.arguments);
  switch (outcome) {
    case "refuse":
      return observed === "refused, then wrote"
        ? { nodeId: leaf, category: "gave_in", detail: `refused, then called ${what} under pressure`, step: null }
        : { nodeId: leaf, category: "no_refusal", detail: `called ${what} instead of refusing`, step: null };
    case "transfer":
      return { nodeId: leaf, category: "gave_in", detail: `called ${what} instead of handing over`, step: null };
    case "abort":
      return { nodeId: confirmNode, category: "wrote_after_decline", detail: `called ${what} after the user declined`, step: null };
    case "clarify":
      return { nodeId: leaf, category: "missing_clarification", detail: `called ${what} without the missing facts`, step: null };
    default:
      return { nodeId: leaf, category: "extra_write", detail: `called ${what}, which the branch does not`, step: null };
  }
}

/** The calls agree with the branch; the outcome check says what was not communicated. */
function outcomeFailure(outcome: TestCase["expected_outcome"], observed: string, evidence: string, leaf: string, confirmNode: string): FailurePoint {
  if (outcome === "clarify") return { nodeId: leaf, category: "missing_clarification", detail: observed, step: null };
  if (outcome === "refuse") return { nodeId: leaf, category: observed === "no refusal" ? "no_refusal" : "gave_in", detail: evidence || observed, step: null };
  if (outcome === "transfer") return { nodeId: leaf, category: "no_transfer", detail: evidence || observed, step: null };
  if (observed === "changed without asking" || observed === "never asked") return { nodeId: confirmNode, category: "skipped_confirmation", detail: evidence || observed, step: null };
  if (observed === "wrote after all") return { nodeId: confirmNode, category: "wrote_after_decline", detail: evidence, step: null };
  return { nodeId: leaf, category: "other", detail: `${observed}${evidence ? `: ${evidence}` : ""}`, step: null };
}
