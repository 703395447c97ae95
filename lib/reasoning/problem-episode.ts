import { systemMessage, userMessage, type AssistantMessage } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { Environment } from "@/lib/env/environment";
import { DomainError } from "@/lib/errors";
import type { EpisodeOptions, ProblemTask } from "@/lib/rollout/episode";
import { TurnLoop } from "@/lib/rollout/turn-loop";
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
export class ProblemEpisode extends TurnLoop<ProblemScore> {
  private verdict: Verdict | null = null;

  constructor(
    readonly task: ProblemEpisodeTask,
    private readonly options: Pick<EpisodeOptions, "maxTurns"> = {},
  ) {
    const { problem, domain } = task;
    if (problem.tools.length && (!domain || domain.slug !== problem.domain)) {
      throw new DomainError("invalid", `problem ${problem.id} uses tools of ${problem.domain}; pass that domain`);
    }
    const allowed = domain ? domain.tools.filter((t) => problem.tools.includes(t.name)) : [];
    super(toolsForOpenAI(allowed), new Environment({ tools: allowed, db: patchDatabase(domain?.db ?? {}, problem.program?.db_patch ?? []) }), options.maxTurns ?? PROBLEM_MAX_TURNS);
  }

  /** The statement is the user's only turn. */
  protected async open(): Promise<void> {
    this.messages.push(systemMessage(problemSystemPrompt(this.task.domain)), userMessage(problemUserMessage(this.task.problem)));
  }

  /** A text turn is the final answer. */
  protected async onText(message: AssistantMessage): Promise<void> {
    this.verdict = verifyAnswer(this.task.problem.answer, message.content ?? "");
    this.ended = "answered";
  }

  score(): ProblemScore {
    const limit = this.options.maxTurns ?? PROBLEM_MAX_TURNS;
    const verdict = this.verdict ?? { correct: false, given: "", reason: this.ended === "max_turns" ? `no answer within ${limit} turns` : "no answer yet" };
    const outcome = verdict.correct ? 1 : 0;
    return { reward: outcome, components: { db: 1, forbidden: 1, outcome }, verdict };
  }
}
