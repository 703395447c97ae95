export { Episode, DEFAULT_MAX_TURNS, type EpisodeTask, type EpisodeOptions, type StepResult, type EndReason } from "./episode";
export { runEpisode, type Agent, type RolloutResult } from "./agent";
