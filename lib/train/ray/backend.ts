import { randomBytes } from "node:crypto";
import path from "node:path";
import { isDomainError } from "@/lib/errors";
import type { EpisodeTask } from "@/lib/rollout";
import { casesOnly } from "@/lib/train/cases-only";
import { isTerminal, type RoundData, type RoundSpec, type RunStatus, type TrainerBackend, type TrainEventInput } from "@/lib/train/protocol";
import { JobLogCursor, RayJobsClient, type RayJobDetails } from "./client";
import { envHealth, jobEnvironment } from "./env";
import { VerlLogParser } from "./log-parser";
import { buildRunPackage, ENTRYPOINT } from "./package";
import { parseRayOptions, rayAddress, VERL_VERSION, type RayOptions } from "./settings";

export interface RayRunInput {
  runId: number;
  spec: RoundSpec;
  data: RoundData<EpisodeTask>;
  runDir: string;
  emit: (event: TrainEventInput) => void;
  signal: AbortSignal;
}

/**
 * verl on a Ray cluster: writes the run's package (parquet, configs, agent loop, run.sh) into the
 * run folder, uploads it, submits `bash run.sh` through the Jobs API, then polls the job, turning
 * its log into events, until it ends. A stop request stops the Ray job; the run ends STOPPED with
 * the checkpoints verl saved so far (save_freq).
 */
export const rayBackend: TrainerBackend = {
  backend: "verl-ray",
  // the package writes case rows (verlRow, with each case as its env_spec) for the studio agent loop; problems have no such row yet
  run: (input) => runRayRound({ ...input, data: casesOnly(input.data, input.emit, "the verl-ray package carries cases only") }),
};

export async function runRayRound({ runId, spec, data, runDir, emit, signal }: RayRunInput): Promise<RunStatus> {
  const options = parseRayOptions(spec.backendOptions);
  const client = new RayJobsClient(rayAddress(options));
  const version = await client.version();
  emit({ type: "log", message: `Ray ${version.ray_version} at ${client.address}; verl ${VERL_VERSION} package` });
  if (spec.schedule.sftSteps > 0) emit({ type: "log", level: "warn", message: `verl-ray runs GRPO only: schedule.sftSteps (${spec.schedule.sftSteps}) is ignored; warm-start the checkpoint before the round` });

  const env = await jobEnvironment(spec, data, options);
  try {
    const unhealthy = await envHealth(env);
    emit({ type: "log", level: unhealthy ? "warn" : "info", message: unhealthy ? `environment server: ${unhealthy}; the cluster must reach it at ${env.url}` : `environment server ${env.started ? "started" : "in use"} at ${env.url}` });
    const pkg = await buildRunPackage({ runId, spec, data, options, envUrl: env.url, outDir: path.join(runDir, "package") });
    emit({ type: "log", message: `package ${pkg.name} (${Math.ceil(pkg.zip.byteLength / 1024)} KiB): ${pkg.parquet.trainRows} training and ${pkg.parquet.validationRows} validation rows, ${data.domain.tools.length} tools; files in ${pkg.dir}` });
    if (pkg.parquet.validationFromTrain) emit({ type: "log", level: "warn", message: "the round has no validation cases: validation is off (val.parquet repeats the training rows only because verl needs one)" });
    if (!(await client.packageExists(pkg.name))) await client.uploadPackage(pkg.name, pkg.zip);
    if (signal.aborted) return end(emit, "STOPPED", "stopped before the job was submitted");

    const submissionId = `flywheel-run-${runId}-${randomBytes(3).toString("hex")}`;
    const submitted = await client.submitJob({
      entrypoint: ENTRYPOINT,
      submission_id: submissionId,
      runtime_env: { working_dir: pkg.uri, env_vars: jobEnvVars(env, options) },
      metadata: { flywheel_run: String(runId), flywheel_domain: data.domain.slug, flywheel_round: spec.name || `run ${runId}` },
      entrypoint_num_gpus: options.entrypointNumGpus,
    });
    emit({ type: "log", message: `submitted Ray job ${submitted.submission_id}` });
    const parser = new VerlLogParser({ validationKinds: pkg.parquet.validationKinds });
    const status = await followJob(client, submitted.submission_id, parser, options, emit, signal);
    if (options.deleteWhenDone) await client.deleteJob(submitted.submission_id).catch((e: Error) => emit({ type: "log", level: "warn", message: `deleting the Ray job failed: ${e.message}` }));
    return status;
  } finally {
    await env.close();
  }
}

function jobEnvVars(env: { url: string; token: string }, options: RayOptions): Record<string, string> {
  return {
    STUDIO_ENV_URL: env.url,
    ...(env.token ? { STUDIO_ENV_TOKEN: env.token } : {}),
    // Ray ignores ray.init(runtime_env) inside a submitted job, so verl's usual variables go here
    TOKENIZERS_PARALLELISM: "true",
    NCCL_DEBUG: "WARN",
    VLLM_LOGGING_LEVEL: "WARN",
    HYDRA_FULL_ERROR: "1",
    PYTHONUNBUFFERED: "1",
    // every step's metrics line must reach the log, not be folded into "[repeated Nx]"
    RAY_DEDUP_LOGS: "0",
    ...options.envVars,
  };
}

function end(emit: RayRunInput["emit"], status: RunStatus, message: string): RunStatus {
  emit({ type: "status", status, message });
  return status;
}

/** Polls the job until it ends; its new log text goes through the parser into events. */
async function followJob(client: RayJobsClient, id: string, parser: VerlLogParser, options: RayOptions, emit: RayRunInput["emit"], signal: AbortSignal): Promise<RunStatus> {
  const cursor = new JobLogCursor(client, id);
  let stoppingSince: number | null = null;
  let failures = 0;
  let last: RayJobDetails["status"] | null = null;
  for (;;) {
    if (signal.aborted && stoppingSince === null) {
      stoppingSince = Date.now();
      emit({ type: "log", message: `stop requested: stopping Ray job ${id} (verl keeps the checkpoints saved so far)` });
      await client.stopJob(id).catch((e: Error) => emit({ type: "log", level: "warn", message: `stopping the Ray job failed: ${e.message}` }));
    }
    let details: RayJobDetails | null = null;
    try {
      details = await client.getJob(id);
      for (const event of parser.push(await cursor.next())) emit(event);
      failures = 0;
    } catch (e) {
      if (isDomainError(e) && e.code === "not_found") return end(emit, "FAILED", `the Ray job ${id} is gone from the cluster: ${e.message}`);
      if (++failures >= options.maxPollFailures) return end(emit, "FAILED", `lost the Ray job ${id}: ${(e as Error).message}`);
      emit({ type: "log", level: "warn", message: `polling Ray job ${id} failed (${failures}/${options.maxPollFailures}): ${(e as Error).message}` });
    }
    if (details && details.status !== last) {
      last = details.status;
      if (last === "PENDING") emit({ type: "log", message: `Ray job ${id} is PENDING${details.message ? `: ${details.message}` : " (waiting for resources)"}` });
      if (last === "RUNNING") emit({ type: "status", status: "RUNNING", message: details.message ?? "" });
    }
    if (details && isTerminal(details.status)) {
      for (const event of parser.flush()) emit(event);
      // a job we stopped may also end FAILED (killed mid-write); it was still our stop
      const status: RunStatus = stoppingSince !== null && details.status !== "SUCCEEDED" ? "STOPPED" : details.status;
      const why = [details.message, details.error_type ? `(${details.error_type})` : ""].filter(Boolean).join(" ");
      return end(emit, status, why || `Ray job ${id} ${details.status}`);
    }
    if (stoppingSince !== null && Date.now() - stoppingSince > options.stopTimeoutMs) {
      return end(emit, "STOPPED", `Ray did not report job ${id} stopped within ${options.stopTimeoutMs} ms; check the cluster`);
    }
    await pause(options.pollMs, stoppingSince === null ? signal : undefined);
  }
}

/** Waits `ms`, or less when `signal` aborts (a stop is acted on at once). */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
