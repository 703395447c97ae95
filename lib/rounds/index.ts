/** The multi-round flywheel: projects, rounds as durable step jobs, failure mining on the tree, growth, replay. */
export { ProjectInput, ProjectSettings, SelectionBand, PROJECT_BACKENDS, ROUND_STEPS, STEP_LABELS, type Project, type RoundStep, type RoundStatus } from "./schema";
export type { RoundInputs, RoundResults, RoundOutput, SnapshotRecord, ProblemSetRecord } from "./records";
export { locateFailure, type FailurePoint } from "./failure-point";
export { FAILURE_CATEGORIES, CATEGORY_LABELS, type FailureCategory } from "./categories";
export { buildFailureMap, type FailureMap, type MinedTrial, type NodeFailureStat } from "./failure-map";
export { planGrowth, type GrowthItem, type GrowthContext } from "./growth";
export { applyBand, passCounts, type BandCounts } from "./band";
export { advanceProject, currentOrNextRound, ensureStepJob, runRoundStep, isAtStop, roundSeed, ROUND_STEP_KIND } from "./driver";
export { replayRound, type ReplayReport } from "./replay";
export { summarizeRound, type RoundSummary } from "./summary";
export { projectTimeline, nextRoundPreview, timelineRound, type ProjectTimeline, type NextRoundPreview, type TimelineRound } from "./timeline";
export { nodeFailures, type NodeFailure } from "./failures";
