import { toolCallId, type AssistantMessage } from "@/lib/chat/schema";
import type { Agent } from "@/lib/rollout/agent";
import type { Problem } from "./schema";
import { formatAnswer } from "./verify/answer";

/**
 * Reference agents for problems (not models): `oracle` runs the solution's planned tool calls in
 * order and answers correctly: the ceiling, and a check that every problem is solvable through
 * its tools. `budget:<n>` is the oracle with at most n tool calls: a problem that needs more
 * gets an honest "unknown", so its pass rate falls as the computed difficulty rises.
 */
export function oracleAgent(problem: Problem, budget = Infinity): Agent {
  const plan = problem.plan;
  const canSolve = plan.length <= budget;
  return {
    name: Number.isFinite(budget) ? `budget:${budget}` : "oracle",
    async act(messages): Promise<AssistantMessage> {
      const made = messages.filter((m) => m.role === "tool").length;
      if (canSolve && made < plan.length) {
        const call = plan[made];
        return { role: "assistant", content: null, tool_calls: [{ id: toolCallId(problem.id, made), type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] };
      }
      return { role: "assistant", content: `<answer>${canSolve ? formatAnswer(problem.answer) : "unknown"}</answer>` };
    },
  };
}

export const PROBLEM_REFERENCE_AGENTS = "oracle, budget:<n>";

/** "oracle" → Infinity, "budget:3" → 3, anything else → null. */
export function referenceBudget(spec: string): number | null {
  if (spec === "oracle") return Infinity;
  const m = /^budget:(\d+)$/.exec(spec.trim());
  return m ? Number(m[1]) : null;
}
