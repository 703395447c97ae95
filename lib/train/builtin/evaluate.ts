import { taskOutcome, type AnyEpisodeTask } from "@/lib/rollout";
import type { Actor } from "./policy";
import { playEpisode, type Trajectory } from "./rollout";

export interface EvalResult {
  /** Mean validation reward (binary rewards: the pass rate). */
  reward: number;
  byKind: Record<string, { pass: number; n: number }>;
  trajectories: Trajectory[];
}

/** Greedy episodes on every task (the scripted user's wording seed 0), with the reward per expected outcome (problems: per answer kind). */
export async function evaluate(actor: Actor, tasks: AnyEpisodeTask[], options: { maxTurns: number; maxNewTokens: number; signal?: AbortSignal }): Promise<EvalResult> {
  const trajectories: Trajectory[] = [];
  const byKind: Record<string, { pass: number; n: number }> = {};
  for (const task of tasks) {
    const t = await playEpisode(actor, task, { temperature: 1, greedy: true, random: Math.random, maxNewTokens: options.maxNewTokens, maxTurns: options.maxTurns, userSeed: 0, signal: options.signal });
    trajectories.push(t);
    const kind = taskOutcome(task);
    const k = (byKind[kind] ??= { pass: 0, n: 0 });
    k.n++;
    k.pass += t.reward;
  }
  for (const k of Object.values(byKind)) k.pass = k.n ? k.pass / k.n : 0;
  const reward = trajectories.length ? trajectories.reduce((a, t) => a + t.reward, 0) / trajectories.length : 0;
  return { reward, byKind, trajectories };
}
