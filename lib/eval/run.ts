import { AssistantMessage } from "@/lib/chat/schema";
import { taskKind } from "@/lib/envserver/source";
import { isProblemTask, openEpisode, type AnyEpisode, type Agent, type AnyEpisodeTask } from "@/lib/rollout";
import type { AsyncUserSimulator } from "@/lib/sim/llm-user";
import type { UserSimulator } from "@/lib/sim/user-simulator";
import { classifyTrial, summarize, type EvalSummary, type TrialResult } from "./metrics";

/**
 * An agent as the harness runs it. `forTrial` gives the agent for one trial of one case: the
 * reference agents replay that case's recorded trajectory, a sampled model takes the trial as its
 * seed (so k trials are k samples, not k cache hits). Without it, `act` serves every trial.
 */
export interface EvalAgent extends Agent {
  forTrial?(task: AnyEpisodeTask, trial: number): Agent;
  /** Releases what the agent holds (a worker process); called once after the evaluation. */
  close?(): void | Promise<void>;
}

/** The user of one trial; undefined means the case's scripted user, seeded with the trial. */
export type UserFactory = (task: AnyEpisodeTask, trial: number) => UserSimulator | AsyncUserSimulator | undefined;

export interface RunEvalOptions {
  agent: EvalAgent;
  tasks: AnyEpisodeTask[];
  /** Trials per case (k); default 1. */
  trials?: number;
  /** Trials played at once; default 4. */
  concurrency?: number;
  user?: UserFactory;
  maxTurns?: number;
  /** Aborting stops the evaluation: runEval rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Called with each finished trial, in completion order (e.g. to store it). */
  onResult?: (result: TrialResult) => void | Promise<void>;
  /** The dataset's label for the summary. */
  dataset?: string;
}

const describeError = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

/**
 * Plays one trial to its end. Whatever the agent or the user simulator throws (or an agent's
 * malformed message) ends the trial as a failure that keeps the error and the messages so far;
 * only an abort of `signal` propagates.
 */
export async function runTrial(agent: EvalAgent, task: AnyEpisodeTask, trial: number, options: Pick<RunEvalOptions, "user" | "maxTurns" | "signal"> = {}): Promise<TrialResult> {
  const base = { caseId: task.id, trial, kind: isProblemTask(task) ? taskKind(task) : task.testCase.expected_outcome };
  let episode: AnyEpisode | undefined;
  let toolCalls = 0;
  try {
    const actor = agent.forTrial?.(task, trial) ?? agent;
    episode = openEpisode(task, { maxTurns: options.maxTurns, seed: trial, user: options.user?.(task, trial) });
    await episode.reset();
    while (!episode.done) {
      options.signal?.throwIfAborted();
      const raw = await actor.act([...episode.messages], episode.tools, options.signal);
      const parsed = AssistantMessage.safeParse(raw);
      if (!parsed.success) throw new Error(`the agent returned a malformed assistant message: ${parsed.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; ")}`);
      toolCalls += parsed.data.tool_calls?.length ?? 0;
      await episode.step(parsed.data);
    }
    const score = episode.score();
    return {
      ...base, outcome: classifyTrial(score), reward: score.reward, endReason: episode.endReason ?? "", agentTurns: episode.agentTurns, toolCalls,
      messages: episode.messages, error: null, observed: "verdict" in score ? score.verdict.reason || `answered ${score.verdict.given}` : score.info.outcome_check.observed,
    };
  } catch (e) {
    if (options.signal?.aborted) throw options.signal.reason;
    return {
      ...base, outcome: "error", reward: 0, endReason: "error", agentTurns: episode?.agentTurns ?? 0, toolCalls,
      messages: episode ? [...episode.messages] : [], error: describeError(e), observed: "",
    };
  }
}

/** Runs every case `trials` times with a pool of `concurrency` trials at once, and summarizes. */
export async function runEval(options: RunEvalOptions): Promise<EvalSummary> {
  const trials = options.trials ?? 1;
  const queue = options.tasks.flatMap((task) => Array.from({ length: trials }, (_, trial) => ({ task, trial })));
  const results: TrialResult[] = [];
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      options.signal?.throwIfAborted();
      const { task, trial } = queue[next++];
      const result = await runTrial(options.agent, task, trial, options);
      results.push(result);
      await options.onResult?.(result);
    }
  };
  const width = Math.max(1, Math.min(options.concurrency ?? 4, queue.length));
  await Promise.all(Array.from({ length: width }, worker));
  const order = new Map(options.tasks.map((t, i) => [t.id, i]));
  results.sort((a, b) => order.get(a.caseId)! - order.get(b.caseId)! || a.trial - b.trial);
  return summarize(results, { agent: options.agent.name, dataset: options.dataset ?? "", k: trials });
}
