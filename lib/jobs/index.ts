// The jobs API for route handlers, the CLI and other lib modules.
export { registerJobKind, getJobKind, listJobKinds, DEFAULT_CONCURRENCY, type JobKind, type ItemContext, type Usage } from "./registry";
export { enqueueJob, cancelJob, pauseJob, resumeJob } from "./control";
export { getJobProgress, type JobProgress } from "./progress";
export { JobRunner, type RunnerOptions } from "./runner";
export { loadJobKinds } from "./kinds";
export { getJob, listJobs, listJobItems, type JobRow, type JobItemRow } from "@/db/queries/jobs";
export type { JobStatus, ItemStatus } from "@/db/schema-jobs";
