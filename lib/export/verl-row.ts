import type { TestCase } from "@/lib/cases/schema";
import { agenticPrompt, taskBackground, type PromptOptions } from "./prompt";
import { bool, str, struct, type Field } from "./parquet-schema";
import type { ExportRow, Split } from "./types";
import { verlColumns, verlFrame, type VerlFrame } from "./verl-frame";

/**
 * One verl row in the paper's agentic format (reference-pipeline.md §2 "verl parquet row"),
 * plus `env_spec`: our executable environment as one JSON string. Per-task environments vary
 * in shape from row to row, and parquet unifies struct schemas across rows (rl-backend.md §1,
 * pitfall 3), so a string is the one shape that survives; the agent loop parses it.
 */
export const VERL_COLUMNS: Field[] = verlColumns([
  str("split"),
  str("index"),
  str("question"),
  str("rubrics"),
  str("policy"),
  bool("need_tools_kwargs"),
  struct("tools_kwargs", [
    struct("mock_tool", [
      struct("create_kwargs", [str("tool_description"), str("task_background"), str("test_policy"), str("user_escape_strategy"), str("tool_return_expected")]),
    ]),
  ]),
  struct("interaction_kwargs", [str("query")]),
]);

export interface VerlRowOptions extends PromptOptions {
  /** Picks verl's reward function (default: the paper's "my_tool_agent_with_user"). */
  dataSource?: string;
  /** Picks the agent loop (default: the paper's custom loop, same name). */
  agentName?: string;
  ability?: string;
}

export const PAPER_AGENT = "my_tool_agent_with_user";

export type VerlRow = VerlFrame<{
  split: Split;
  index: string;
  question: string;
  rubrics: string;
  policy: string;
  need_tools_kwargs: boolean;
  tools_kwargs: { mock_tool: { create_kwargs: Record<"tool_description" | "task_background" | "test_policy" | "user_escape_strategy" | "tool_return_expected", string> } };
  interaction_kwargs: { query: string };
}>;

export function verlRow(row: ExportRow, split: Split, options: VerlRowOptions = {}): VerlRow {
  const tc = row.testCase;
  const prompt = agenticPrompt(row, options);
  return verlFrame({
    dataSource: options.dataSource ?? PAPER_AGENT,
    agentName: options.agentName ?? PAPER_AGENT,
    system: prompt.system,
    user: prompt.user,
    ability: options.ability ?? "agentic_tool_use",
    // the paper writes "None"; ours names what an environment-based reward checks
    groundTruth: JSON.stringify({ expected_outcome: tc.expected_outcome, expected_final_hash: tc.expected_final_hash }),
    extraInfo: {
      split,
      index: row.id,
      question: prompt.user,
      rubrics: tc.evaluation,
      policy: prompt.policy,
      need_tools_kwargs: true,
      tools_kwargs: {
        mock_tool: {
          create_kwargs: {
            tool_description: prompt.toolDescription,
            task_background: taskBackground(tc),
            test_policy: tc.test_policy,
            user_escape_strategy: tc.user_escape_strategy,
            // a JSON string, as the paper's converter writes it (Arrow cannot type the outputs)
            tool_return_expected: JSON.stringify(tc.tool_return_expected),
          },
        },
      },
      interaction_kwargs: { query: prompt.user },
    },
    envSpec: JSON.stringify(envSpec(row)),
  });
}

/** Everything an environment-backed agent loop needs to run and score the case without the studio. */
export function envSpec(row: ExportRow) {
  const tc: TestCase = row.testCase;
  // imported cases declare tools without effects: they replay, they do not execute
  const executable = !tc.tools;
  return {
    version: 1,
    domain: row.domain.slug,
    executable,
    tools: tc.tools ?? row.domain.tools,
    initial_db: tc.initial_db,
    user_facts: tc.user_facts,
    hack_facts: tc.hack_facts,
    confirmations: tc.confirmations,
    expected_outcome: tc.expected_outcome,
    expected_final_hash: tc.expected_final_hash,
    expected_diff: tc.expected_diff,
    forbidden_changes: tc.forbidden_changes,
    expected_clarifications: tc.expected_clarifications,
  };
}
