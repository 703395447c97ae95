import { systemMessage, userMessage, toolMessage, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { DomainError } from "@/lib/errors";
import { executeToolCall, type EndReason, type EpisodeOptions, type ProblemTask, type StepResult } from "@/lib/rollout/episode";
import { toolsForOpenAI, type OpenAITool } from "@/lib/sim/system-prompt";
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

/** Problems read more records than a case's conversation has turns (runProblem's long-standing default). */
export const PROBLEM_MAX_TURNS = 16;

/** A problem task as an episode plays it: free-text problems (imports) have no domain. */
export type ProblemEpisodeTask = Omit<ProblemTask, "domain"> & { domain: DomainSpec | null };

/**
 * The reward of a problem in the case reward's shape, so every consumer reads one shape: the
 * tools only read, so the database and forbidden parts hold by construction, and the outcome is
 * the verifier's verdict on the answer. reward = outcome.
 */
export interface ProblemScore {
  reward: 0 | 1;
  components: { db: number; forbidden: number; outcome: number };
  verdict: Verdict;
}

/**
 * One problem as an episode, with the same contract as a case's `Episode` (reset, step, score):
 * the statement is the user turn, the problem's allowed tools read its database (the domain's
 * seed with the problem's patch, distractors included), and the agent's first text turn is its
 * final answer: the episode ends "answered" and the answer's verifier gives reward 1 or 0.
 * There is no simulated user.
 */
export class ProblemEpisode {
  readonly messages: ChatMessage[] = [];
  readonly tools: OpenAITool[];
  private readonly env: Environment;
  private readonly maxTurns: number;
  private turns = 0;
  private ended: EndReason | null = null;
  private verdict: Verdict | null = null;
  private started = false;

  constructor(
    readonly task: ProblemEpisodeTask,
    options: Pick<EpisodeOptions, "maxTurns"> = {},
  ) {
    const { problem, domain } = task;
    if (problem.tools.length && (!domain || domain.slug !== problem.domain)) {
      throw new DomainError("invalid", `problem ${problem.id} uses tools of ${problem.domain}; pass that domain`);
    }
    const allowed = domain ? domain.tools.filter((t) => problem.tools.includes(t.name)) : [];
    this.env = new Environment({ tools: allowed, db: patchDatabase(domain?.db ?? {}, problem.program?.db_patch ?? []) });
    this.tools = toolsForOpenAI(allowed);
    this.maxTurns = options.maxTurns ?? PROBLEM_MAX_TURNS;
  }

  async reset(): Promise<ChatMessage[]> {
    if (this.started) throw new DomainError("conflict", "this episode has already started; make a new one for another rollout");
    this.started = true;
    this.messages.push(systemMessage(problemSystemPrompt(this.task.domain)), userMessage(problemUserMessage(this.task.problem)));
    return [...this.messages];
  }

  get done(): boolean {
    return this.ended !== null;
  }

  get endReason(): EndReason | null {
    return this.ended;
  }

  get agentTurns(): number {
    return this.turns;
  }

  /** One agent turn: tool calls read and their results come back; a text turn is the final answer. */
  async step(message: AssistantMessage): Promise<StepResult> {
    if (!this.started) throw new DomainError("conflict", "reset the episode before the first step");
    if (this.ended) throw new DomainError("conflict", `the episode is over (${this.ended}); reset a new one`);
    const before = this.messages.length;
    this.messages.push(message);
    this.turns++;
    if (message.tool_calls?.length) {
      for (const call of message.tool_calls) this.messages.push(toolMessage(call.id, executeToolCall(this.env, call.function.name, call.function.arguments)));
    } else {
      this.verdict = verifyAnswer(this.task.problem.answer, message.content ?? "");
      this.ended = "answered";
    }
    if (!this.ended && this.turns >= this.maxTurns) this.ended = "max_turns";
    return { appended: this.messages.slice(before + 1), done: this.done, endReason: this.ended, reward: this.done ? this.score().reward : null };
  }

  score(): ProblemScore {
    const verdict = this.verdict ?? { correct: false, given: "", reason: this.ended === "max_turns" ? `no answer within ${this.maxTurns} turns` : "no answer yet" };
    const outcome = verdict.correct ? 1 : 0;
    return { reward: outcome, components: { db: 1, forbidden: 1, outcome }, verdict };
  }

  /** The problem database's hash (the tools only read, so it never moves). */
  stateHash(): string {
    return this.env.hash();
  }
}
