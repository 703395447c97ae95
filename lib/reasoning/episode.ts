import { systemMessage, toolMessage, userMessage, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { DomainError } from "@/lib/errors";
import type { Agent } from "@/lib/rollout/agent";
import { toolsForOpenAI } from "@/lib/sim/system-prompt";
import { patchDatabase } from "./query/tables";
import type { Problem } from "./schema";
import { verifyAnswer, type Verdict } from "./verify/answer";

export const ANSWER_INSTRUCTIONS =
  "Work it out step by step. Use the tools to read the data you need; they only read, never change anything. When you are done, give the final answer alone inside <answer></answer>.";

/** The agent's system prompt for a problem: its role and, for tool problems, the domain's policy context. */
export function problemSystemPrompt(domain: DomainSpec | null): string {
  const head = "You are a careful analyst who answers questions exactly.";
  return domain ? `${head} You have read-only tools over the records of "${domain.name}": ${domain.description}` : head;
}

export const problemUserMessage = (problem: Problem) => `${problem.statement}\n\n${ANSWER_INSTRUCTIONS}`;

export interface ProblemRunOptions {
  /** The domain a program problem runs in (required when the problem has tools). */
  domain?: DomainSpec | null;
  /** Agent turns allowed before the run is cut off (default 16). */
  maxTurns?: number;
  signal?: AbortSignal;
}

export interface ProblemRunResult {
  reward: 0 | 1;
  messages: ChatMessage[];
  verdict: Verdict;
  endReason: "answered" | "max_turns";
  agentTurns: number;
  toolCalls: number;
}

/**
 * One agent on one problem: the statement as the user turn, the domain's read tools over the
 * problem's database (its distractors included), and the agent's first text turn taken as its
 * final answer, checked by the answer's verifier: reward 1 or 0.
 */
export async function runProblem(agent: Agent, problem: Problem, options: ProblemRunOptions = {}): Promise<ProblemRunResult> {
  const domain = options.domain ?? null;
  if (problem.tools.length && (!domain || domain.slug !== problem.domain)) {
    throw new DomainError("invalid", `problem ${problem.id} uses tools of ${problem.domain}; pass that domain`);
  }
  const allowed = domain ? domain.tools.filter((t) => problem.tools.includes(t.name)) : [];
  const env = new Environment({ tools: allowed, db: patchDatabase(domain?.db ?? {}, problem.program?.db_patch ?? []) });
  const tools = toolsForOpenAI(allowed);
  const messages: ChatMessage[] = [systemMessage(problemSystemPrompt(domain)), userMessage(problemUserMessage(problem))];
  const maxTurns = options.maxTurns ?? 16;
  let toolCalls = 0;
  for (let turn = 1; turn <= maxTurns; turn++) {
    options.signal?.throwIfAborted();
    const message: AssistantMessage = await agent.act([...messages], tools, options.signal);
    messages.push(message);
    if (!message.tool_calls?.length) {
      const verdict = verifyAnswer(problem.answer, message.content ?? "");
      return { reward: verdict.correct ? 1 : 0, messages, verdict, endReason: "answered", agentTurns: turn, toolCalls };
    }
    for (const call of message.tool_calls) {
      toolCalls++;
      let args: unknown;
      try {
        args = JSON.parse(call.function.arguments || "{}");
      } catch {
        messages.push(toolMessage(call.id, { error: `arguments of ${call.function.name} are not valid JSON` }));
        continue;
      }
      const result = args && typeof args === "object" && !Array.isArray(args) ? env.step({ name: call.function.name, arguments: args as Record<string, unknown> }) : { ok: false as const, error: "arguments must be a JSON object" };
      messages.push(toolMessage(call.id, result.ok ? result.output : { error: result.error }));
    }
  }
  return { reward: 0, messages, verdict: { correct: false, given: "", reason: `no answer within ${maxTurns} turns` }, endReason: "max_turns", agentTurns: maxTurns, toolCalls };
}
