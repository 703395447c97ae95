import { toolMessage, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import type { Environment } from "@/lib/env/environment";
import { DomainError } from "@/lib/errors";
import type { OpenAITool } from "@/lib/sim";

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

/**
 * The turn loop every episode shares (a case's conversation, a problem's run): reset once, then
 * agent turns whose tool calls run in the environment; what a text turn does (the user answers,
 * or it is the final answer) and how the reward is computed are the episode's own.
 */
export abstract class TurnLoop<S extends { reward: number }> {
  readonly messages: ChatMessage[] = [];
  protected ended: EndReason | null = null;
  private turns = 0;
  private started = false;

  constructor(
    readonly tools: OpenAITool[],
    protected readonly env: Environment,
    private readonly maxTurns: number,
  ) {}

  /** The opening messages (system prompt, the user's first turn). */
  protected abstract open(): Promise<void>;
  /** A turn without tool calls; may end the episode. */
  protected abstract onText(message: AssistantMessage): Promise<void>;
  abstract score(): S;

  async reset(): Promise<ChatMessage[]> {
    if (this.started) throw new DomainError("conflict", "this episode has already started; make a new one for another rollout");
    this.started = true;
    await this.open();
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

  /** One agent turn: tool calls run and their results come back (the agent then goes on); text goes to `onText`. */
  async step(message: AssistantMessage): Promise<StepResult> {
    if (!this.started) throw new DomainError("conflict", "reset the episode before the first step");
    if (this.ended) throw new DomainError("conflict", `the episode is over (${this.ended}); reset a new one`);
    const before = this.messages.length;
    this.messages.push(message);
    this.turns++;
    if (message.tool_calls?.length) {
      for (const call of message.tool_calls) this.messages.push(toolMessage(call.id, executeToolCall(this.env, call.function.name, call.function.arguments)));
    } else {
      await this.onText(message);
    }
    if (!this.ended && this.turns >= this.maxTurns) this.ended = "max_turns";
    return { appended: this.messages.slice(before + 1), done: this.done, endReason: this.ended, reward: this.done ? this.score().reward : null };
  }

  /** The live environment's database hash (what the tools have done so far). */
  stateHash(): string {
    return this.env.hash();
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
