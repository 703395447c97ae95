import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { systemMessage, userMessage } from "@/lib/chat/schema";
import { Environment } from "@/lib/env/environment";
import { scoreTrajectory, type Score } from "@/lib/reward";
import { createScriptedUser, systemPrompt, toolsForOpenAI, type UserReply } from "@/lib/sim";
import type { AsyncUserSimulator } from "@/lib/sim/llm-user";
import type { UserSimulator } from "@/lib/sim/user-simulator";
import type { Problem } from "@/lib/reasoning/schema";
import { TurnLoop } from "./turn-loop";

/** What an episode runs: one case in its domain (an export row has both). */
export interface EpisodeTask {
  id: string;
  testCase: TestCase;
  domain: DomainSpec;
}

/** A reasoning problem over a domain's read tools, played through the same contract (lib/reasoning/problem-episode.ts). */
export interface ProblemTask {
  id: string;
  problem: Problem;
  domain: DomainSpec;
}

/** What a round trains on and an environment server serves: a case or a problem. */
export type AnyEpisodeTask = EpisodeTask | ProblemTask;
export const isProblemTask = (task: AnyEpisodeTask): task is ProblemTask => "problem" in task;
/** What a task's pass rates are grouped by: a case's expected outcome (execute, refuse…), a problem's "problem:<answer kind>". */
export const taskOutcome = (task: AnyEpisodeTask): string => (isProblemTask(task) ? `problem:${task.problem.answer.kind}` : task.testCase.expected_outcome);

export interface EpisodeOptions {
  /** The agent turns (assistant messages) allowed before the episode is cut off (default 12). */
  maxTurns?: number;
  /** Another user (an LLM simulator); default the case's scripted user. */
  user?: UserSimulator | AsyncUserSimulator;
  /** Picks the scripted user's wording. */
  seed?: number;
}

export type { EndReason, StepResult } from "./turn-loop";

export const DEFAULT_MAX_TURNS = 12;

/**
 * One conversation between an agent and the studio's environment on one case: the tools execute
 * against the case's database, the user simulator answers every text turn, and the reward is the
 * case's verifiable reward of the whole trajectory. The same contract serves every consumer:
 * the eval harness and the built-in trainer call it in process, the environment server serves it
 * over HTTP and OpenEnv's protocol to verl, TRL or any other trainer.
 */
export class Episode extends TurnLoop<Score> {
  private readonly user: UserSimulator | AsyncUserSimulator;
  private scored: Score | null = null;

  constructor(
    readonly task: EpisodeTask,
    options: EpisodeOptions = {},
  ) {
    const { testCase, domain } = task;
    super(toolsForOpenAI(domain.tools), new Environment({ tools: domain.tools, db: testCase.initial_db }), options.maxTurns ?? DEFAULT_MAX_TURNS);
    this.user = options.user ?? createScriptedUser(testCase, { seed: options.seed ?? 0, tools: domain.tools, factNames: domain.userFacts?.map((f) => f.name) });
  }

  /** The agent's system prompt and the user's opening turn. */
  protected async open(): Promise<void> {
    this.messages.push(systemMessage(systemPrompt(this.task.domain)));
    await this.listen();
  }

  /** A turn without tool calls is said to the user, whose reply comes back; the episode ends when the user stops. */
  protected async onText(): Promise<void> {
    await this.listen();
  }

  /** The verifiable reward of the trajectory so far (replayed on a fresh copy of the case's database). */
  score(): Score {
    if (this.scored && this.done) return this.scored;
    const scoring = new Environment({ tools: this.task.domain.tools, db: this.task.testCase.initial_db });
    const score = scoreTrajectory(this.task.testCase, this.messages, scoring);
    if (this.done) this.scored = score;
    return score;
  }

  private async listen(): Promise<void> {
    const reply: UserReply = await this.user.reply(this.messages);
    this.messages.push(userMessage(reply.message));
    if (reply.stop) this.ended = "user_stop";
  }
}
