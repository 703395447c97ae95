export { Episode, DEFAULT_MAX_TURNS, isProblemTask, taskOutcome, type EpisodeTask, type ProblemTask, type AnyEpisodeTask, type EpisodeOptions, type StepResult, type EndReason } from "./episode";
export { openEpisode, type AnyEpisode } from "./open";
export { runEpisode, type Agent, type RolloutResult } from "./agent";
