import { ProblemEpisode } from "@/lib/reasoning/problem-episode";
import { Episode, isProblemTask, type AnyEpisodeTask, type EpisodeOptions } from "./episode";

/** Either episode: both keep one contract (reset, step, score, done, messages, tools). */
export type AnyEpisode = Episode | ProblemEpisode;

/**
 * The episode a task plays: a case's conversation with its simulated user, or a problem's
 * read-and-answer run (which has no user, so `user` and `seed` do not apply to it).
 */
export function openEpisode(task: AnyEpisodeTask, options: EpisodeOptions = {}): AnyEpisode {
  return isProblemTask(task) ? new ProblemEpisode(task, { maxTurns: options.maxTurns }) : new Episode(task, options);
}
