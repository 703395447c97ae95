import { randomUUID } from "node:crypto";
import { assistantText, toolCallId, type AssistantMessage } from "@/lib/chat/schema";
import { DomainError } from "@/lib/errors";
import { openEpisode, type AnyEpisode, type AnyEpisodeTask, type StepResult } from "@/lib/rollout";
import type { EnvAction, EnvState, Observation, ResetData, StepReply } from "./actions";
import type { EnvTaskSource } from "./source";
import { callTool, callToolResult, mcpTools, type ToolOutcome } from "./tool-call";

/**
 * One environment instance: a WebSocket connection, an MCP session or a REST session. Each
 * `reset` starts a new `Episode` on a task of the source; the agent's turns go through it, so
 * the tools, the simulated user and the reward are exactly the studio's. Calls on one session
 * run one at a time (the user simulator may be async; turns must not interleave).
 */
export class EnvSession {
  private episode: AnyEpisode | null = null;
  private episodeId: string | null = null;
  private stepCount = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly source: EnvTaskSource,
    readonly id: string = randomUUID(),
  ) {}

  /** Runs `fn` after every call queued before it on this session. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get taskId(): string | null {
    return this.episode?.task.id ?? null;
  }

  async reset(data: ResetData = {}): Promise<StepReply> {
    const task = pickTask(this.source, data);
    const episode = openEpisode(task, { seed: data.seed ?? 0, maxTurns: data.max_turns ?? undefined });
    const messages = await episode.reset();
    this.episode = episode;
    this.episodeId = data.episode_id ?? randomUUID();
    this.stepCount = 0;
    return { observation: { task_id: task.id, messages, tools: episode.tools }, reward: null, done: false };
  }

  /** The OpenEnv step: one action, its observation, the reward once done. */
  async act(action: EnvAction): Promise<StepReply> {
    if (action.type === "list_tools") {
      this.stepCount++;
      // a problem allows only its read tools, so an episode lists its own
      return { observation: { tools: mcpTools(this.episode?.tools ?? this.source.tools) }, reward: null, done: this.episode?.done ?? false };
    }
    if (action.type === "call_tool") {
      const outcome = await this.tool(action.tool_name, action.arguments, action.content);
      return this.reply({ tool_name: action.tool_name, result: callToolResult(outcome), error: outcome.error }, outcome.step);
    }
    if (action.type === "reply") {
      const step = await this.turn(assistantText(action.content));
      return this.reply({ user: step.appended[0]?.content ?? "" }, step);
    }
    const step = await this.turn(action.message);
    return this.reply({ appended: step.appended }, step);
  }

  /** One agent turn (an OpenAI assistant message). */
  async turn(message: AssistantMessage): Promise<StepResult> {
    const episode = this.started();
    if (!message.tool_calls?.length && !message.content?.trim()) {
      throw new DomainError("invalid", "an assistant message needs text content or tool_calls");
    }
    const step = await episode.step(message);
    this.stepCount++;
    return step;
  }

  /** One tool call as an agent turn, with a deterministic call id. */
  async tool(name: string, args: Record<string, unknown>, content?: string | null): Promise<ToolOutcome> {
    const episode = this.started();
    if (episode.done) throw new DomainError("conflict", `the episode is over (${episode.endReason}); reset a new one`);
    const outcome = await callTool(episode, { id: toolCallId(this.id, episode.messages.length), name, arguments: args, content });
    this.stepCount++;
    return outcome;
  }

  /** The episode's reward so far (final once done). */
  score() {
    const episode = this.started();
    return { ...episode.score(), done: episode.done, messages: episode.messages };
  }

  state(): EnvState {
    const e = this.episode;
    return {
      episode_id: this.episodeId,
      step_count: this.stepCount,
      task_id: this.taskId,
      done: e?.done ?? false,
      end_reason: e?.endReason ?? null,
      reward: e?.done ? e.score().reward : null,
      agent_turns: e?.agentTurns ?? 0,
      messages: e ? [...e.messages] : [],
    };
  }

  private started(): AnyEpisode {
    if (!this.episode) throw new DomainError("conflict", "reset the environment first: there is no episode yet");
    return this.episode;
  }

  private reply(observation: Observation, step: StepResult): StepReply {
    if (!step.done) return { observation, reward: null, done: false };
    const { components } = this.started().score();
    return { observation: { ...observation, end_reason: step.endReason, components }, reward: step.reward, done: true };
  }
}

/** The task a reset names, or (none named) the one its seed picks, or a random one. */
function pickTask(source: EnvTaskSource, data: ResetData): AnyEpisodeTask {
  if (data.task_id !== undefined) {
    const task = source.get(data.task_id);
    if (!task) throw new DomainError("not_found", `no task "${data.task_id}" in this environment; GET /tasks lists them`);
    return task;
  }
  const tasks = source.list();
  if (!tasks.length) throw new DomainError("invalid", "this environment has no tasks");
  const index = data.seed != null ? data.seed % tasks.length : Math.floor(Math.random() * tasks.length);
  const task = source.get(tasks[index].id);
  if (!task) throw new DomainError("internal", `task ${tasks[index].id} is listed but cannot be loaded`);
  return task;
}
