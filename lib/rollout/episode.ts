import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { systemMessage, toolMessage, userMessage, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import { Environment } from "@/lib/env/environment";
import { DomainError } from "@/lib/errors";
import { scoreTrajectory, type Score } from "@/lib/reward";
import { createScriptedUser, systemPrompt, toolsForOpenAI, type OpenAITool, type UserReply } from "@/lib/sim";
import type { AsyncUserSimulator } from "@/lib/sim/llm-user";
import type { UserSimulator } from "@/lib/sim/user-simulator";
import type { Problem } from "@/lib/reasoning/schema";

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

export interface EpisodeOptions {
  /** The agent turns (assistant messages) allowed before the episode is cut off (default 12). */
  maxTurns?: number;
  /** Another user (an LLM simulator); default the case's scripted user. */
  user?: UserSimulator | AsyncUserSimulator;
  /** Picks the scripted user's wording. */
  seed?: number;
}

/** answered: a problem's agent gave its final answer (a problem has no user to stop). */
export type EndReason = "user_stop" | "max_turns" | "answered";

/** What one agent turn led to: the messages it appended (tool results or the user's reply). */
export interface StepResult {
  appended: ChatMessage[];
  done: boolean;
  endReason: EndReason | null;
  /** The verifiable reward, once done. */
  reward: number | null;
}

export const DEFAULT_MAX_TURNS = 12;

/**
 * One conversation between an agent and the studio's environment on one case: the tools execute
 * against the case's database, the user simulator answers every text turn, and the reward is the
 * case's verifiable reward of the whole trajectory. The same contract serves every consumer:
 * the eval harness and the built-in trainer call it in process, the environment server serves it
 * over HTTP and OpenEnv's protocol to verl, TRL or any other trainer.
 */
export class Episode {
  readonly messages: ChatMessage[] = [];
  readonly tools: OpenAITool[];
  private readonly env: Environment;
  private readonly user: UserSimulator | AsyncUserSimulator;
  private readonly maxTurns: number;
  private turns = 0;
  private ended: EndReason | null = null;
  private scored: Score | null = null;
  private started = false;

  constructor(
    readonly task: EpisodeTask,
    options: EpisodeOptions = {},
  ) {
    const { testCase, domain } = task;
    this.env = new Environment({ tools: domain.tools, db: testCase.initial_db });
    this.tools = toolsForOpenAI(domain.tools);
    this.maxTurns = options.maxTurns ?? DEFAULT_MAX_TURNS;
    this.user = options.user ?? createScriptedUser(testCase, { seed: options.seed ?? 0, tools: domain.tools, factNames: domain.userFacts?.map((f) => f.name) });
  }

  /** Starts the conversation: the agent's system prompt and the user's opening turn. */
  async reset(): Promise<ChatMessage[]> {
    if (this.started) throw new DomainError("conflict", "this episode has already started; make a new one for another rollout");
    this.started = true;
    this.messages.push(systemMessage(systemPrompt(this.task.domain)));
    await this.listen();
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

  /**
   * One agent turn. Tool calls run in the environment and their results come back (the agent
   * then goes on); a turn without tool calls is said to the user, whose reply comes back. The
   * episode ends when the user stops or the turn limit is reached.
   */
  async step(message: AssistantMessage): Promise<StepResult> {
    if (!this.started) throw new DomainError("conflict", "reset the episode before the first step");
    if (this.ended) throw new DomainError("conflict", `the episode is over (${this.ended}); reset a new one`);
    const before = this.messages.length;
    this.messages.push(message);
    this.turns++;
    if (message.tool_calls?.length) {
      for (const call of message.tool_calls) this.messages.push(toolMessage(call.id, executeToolCall(this.env, call.function.name, call.function.arguments)));
    } else {
      await this.listen();
    }
    if (!this.ended && this.turns >= this.maxTurns) this.ended = "max_turns";
    return { appended: this.messages.slice(before + 1), done: this.done, endReason: this.ended, reward: this.done ? this.score().reward : null };
  }

  /** The verifiable reward of the trajectory so far (replayed on a fresh copy of the case's database). */
  score(): Score {
    if (this.scored && this.done) return this.scored;
    const scoring = new Environment({ tools: this.task.domain.tools, db: this.task.testCase.initial_db });
    const score = scoreTrajectory(this.task.testCase, this.messages, scoring);
    if (this.done) this.scored = score;
    return score;
  }

  /** The live environment's database hash (what the tools have done so far). */
  stateHash(): string {
    return this.env.hash();
  }

  private async listen(): Promise<void> {
    const reply: UserReply = await this.user.reply(this.messages);
    this.messages.push(userMessage(reply.message));
    if (reply.stop) this.ended = "user_stop";
  }
}

/** One tool call on an environment, its raw JSON arguments parsed; a failure is a result (`{error}`), never a throw. */
export function executeToolCall(env: Environment, name: string, rawArguments: string): unknown {
  let args: unknown;
  try {
    args = JSON.parse(rawArguments || "{}");
  } catch {
    return { error: `arguments of ${name} are not valid JSON: ${rawArguments.slice(0, 200)}` };
  }
  if (!args || typeof args !== "object" || Array.isArray(args)) return { error: `arguments of ${name} must be a JSON object` };
  const result = env.step({ name, arguments: args as Record<string, unknown> });
  return result.ok ? result.output : { error: result.error };
}
