import { ProblemEpisode } from "@/lib/reasoning/problem-episode";
import { Episode, isProblemTask, type AnyEpisodeTask, type EpisodeOptions } from "./episode";

/** Either episode: both keep one contract (reset, step, score, done, messages, tools). */
export type AnyEpisode = Episode | ProblemEpisode;

/**
 * The episode a task plays: a case's conversation with its simulated user, or a problem's
 * read-and-answer run (which has no user, so `user` and `seed` do not apply to it). A trainer's
 * turn limit never makes a problem unsolvable: a problem always gets its planned reads plus the
 * answer turn.
 */
export function openEpisode(task: AnyEpisodeTask, options: EpisodeOptions = {}): AnyEpisode {
  if (!isProblemTask(task)) return new Episode(task, options);
  const maxTurns = options.maxTurns === undefined ? undefined : Math.max(options.maxTurns, task.problem.plan.length + 1);
  return new ProblemEpisode(task, { maxTurns });
}
