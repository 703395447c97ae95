import type { ChatMessage } from "@/lib/chat/schema";
import { systemMessage, toolCallId, toolMessage, userMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { problemSystemPrompt, problemUserMessage } from "@/lib/reasoning/episode";
import { patchDatabase } from "@/lib/reasoning/query/tables";
import type { Problem } from "@/lib/reasoning/schema";
import { formatAnswer } from "@/lib/reasoning/verify/answer";
import { toolsForOpenAI, type OpenAITool } from "@/lib/sim";
import { bool, str, struct, type Field } from "./parquet-schema";
import type { ProblemExportRow, Split } from "./types";
import { verlColumns, verlFrame, type VerlFrame } from "./verl-frame";

/**
 * Reasoning problems in the paper's reasoning format (reference-pipeline.md §2 "Reasoning
 * rows"): data_source/agent_name "tool_agent", ground_truth = the answer, extra_info with the
 * question, the answer and interaction_kwargs. Ours add the answer's kind and tolerance (for a
 * rule-based verifier) and, for problems over a domain, env_spec: the read tools and the
 * problem's database, as the agentic rows carry theirs.
 */
export const REASONING_AGENT = "tool_agent";

export const REASONING_COLUMNS: Field[] = verlColumns([
  str("split"),
  str("index"),
  str("problem_id"),
  str("question"),
  str("answer"),
  str("answer_spec"),
  bool("need_tools_kwargs"),
  struct("interaction_kwargs", [str("query"), str("ground_truth")]),
  struct("lineage", [str("parent"), str("mutation"), str("round")]),
]);

export type ReasoningVerlRow = VerlFrame<{
  split: Split;
  index: string;
  problem_id: string;
  question: string;
  answer: string;
  answer_spec: string;
  need_tools_kwargs: boolean;
  interaction_kwargs: { query: string; ground_truth: string };
  lineage: { parent: string; mutation: string; round: string };
}>;

function allowedTools(problem: Problem, domain: DomainSpec | null) {
  return domain ? domain.tools.filter((t) => problem.tools.includes(t.name)) : [];
}

/** The system prompt with the tools block the paper's loop reads (tools live in the prompt). */
function systemPrompt(problem: Problem, domain: DomainSpec | null): string {
  const tools = allowedTools(problem, domain);
  const block = tools.length ? `\n\n# Tools\n\n<tools>\n${tools.map((t) => JSON.stringify({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })).join("\n")}\n</tools>` : "";
  return `${problemSystemPrompt(domain)}${block}`;
}

export function reasoningVerlRow(row: ProblemExportRow, split: Split, index: number): ReasoningVerlRow {
  const { problem, domain } = row;
  const question = problemUserMessage(problem);
  const answer = formatAnswer(problem.answer);
  const tools = allowedTools(problem, domain);
  return verlFrame({
    dataSource: REASONING_AGENT,
    agentName: REASONING_AGENT,
    system: systemPrompt(problem, domain),
    user: question,
    ability: problem.domain ? "data_analysis" : "math",
    groundTruth: answer,
    extraInfo: {
      split,
      index: String(index),
      problem_id: problem.id,
      question,
      answer,
      answer_spec: JSON.stringify(problem.answer),
      need_tools_kwargs: tools.length > 0,
      interaction_kwargs: { query: question, ground_truth: answer },
      lineage: { parent: problem.lineage.parent ?? "", mutation: problem.lineage.mutation ?? "", round: String(problem.lineage.round) },
    },
    envSpec: tools.length ? JSON.stringify({ version: 1, kind: "reasoning", domain: problem.domain, tools, initial_db: patchDatabase(domain!.db, problem.program?.db_patch ?? []) }) : "",
  });
}

export interface ProblemChatRecord {
  messages: ChatMessage[];
  tools: OpenAITool[];
  metadata: { id: string; domain: string | null; kind: string; split: Split; round: number; mutation: string | null; parent: string | null; verified: boolean };
}

/** One SFT example: the solution's tool calls executed on the problem's database, then the answer. */
export function problemChatRecord(row: ProblemExportRow, split: Split): ProblemChatRecord {
  const { problem, domain } = row;
  const tools = allowedTools(problem, domain);
  const messages: ChatMessage[] = [systemMessage(problemSystemPrompt(domain)), userMessage(problemUserMessage(problem))];
  if (problem.plan.length) {
    const env = new Environment({ tools, db: patchDatabase(domain!.db, problem.program?.db_patch ?? []) });
    problem.plan.forEach((call, i) => {
      const id = toolCallId(problem.id, i);
      messages.push({ role: "assistant", content: null, tool_calls: [{ id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }] });
      const result = env.step({ name: call.name, arguments: call.arguments });
      if (!result.ok) throw new Error(`problem ${problem.id}: planned call ${call.name} failed: ${result.error}`);
      messages.push(toolMessage(id, result.output));
    });
  }
  messages.push({ role: "assistant", content: `<answer>${formatAnswer(problem.answer)}</answer>` });
  return {
    messages,
    tools: toolsForOpenAI(tools),
    metadata: { id: row.id, domain: problem.domain, kind: problem.answer.kind, split, round: problem.lineage.round, mutation: problem.lineage.mutation, parent: problem.lineage.parent, verified: problem.verdict === "verified" },
  };
}
