import { z } from "zod";
import { DomainError } from "@/lib/errors";

/** The verl release the package is written for (see docs/verl-ray.md: why this pin). */
export const VERL_VERSION = "0.9.1";
/** The agent loop's registered name; every parquet row selects it with `agent_name`. */
export const AGENT_NAME = "studio_env_agent";
export const DEFAULT_RAY_ADDRESS = "http://127.0.0.1:8265";

/**
 * `spec.backendOptions` for verl-ray. Everything has a default, so `{}` submits a one-GPU run to
 * FLYWHEEL_RAY_ADDRESS (or the local dashboard) that calls an environment server started here.
 */
export const RayOptions = z.strictObject({
  /** The Ray dashboard (Jobs API) URL. */
  address: z.string().url().optional(),
  /** The studio's environment server as the cluster reaches it; absent: one is started here. */
  envUrl: z.string().url().optional(),
  /** Bearer token of `envUrl` (default FLYWHEEL_ENV_TOKEN). A server started here gets a fresh one. */
  envToken: z.string().optional(),
  /** The host name the cluster uses to reach a server started here (default: this machine's hostname). */
  envHost: z.string().min(1).optional(),
  /** Port of a server started here (default: any free port). */
  envPort: z.number().int().min(0).max(65535).default(0),
  pollMs: z.number().int().min(10).max(60_000).default(2000),
  /** How long to wait for Ray to report STOPPED after a stop before giving up on it. */
  stopTimeoutMs: z.number().int().min(0).default(60_000),
  /** Consecutive failed polls tolerated (a dashboard restart, a network blip) before the run fails. */
  maxPollFailures: z.number().int().min(1).default(5),
  nGpusPerNode: z.number().int().min(1).max(64).default(1),
  nnodes: z.number().int().min(1).max(1024).default(1),
  /** GPUs reserved for the entrypoint itself; verl's workers reserve their own, so 0 by default. */
  entrypointNumGpus: z.number().min(0).default(0),
  rolloutEngine: z.enum(["vllm", "sglang"]).default("vllm"),
  tensorParallel: z.number().int().min(1).default(1),
  gpuMemoryUtilization: z.number().positive().max(1).default(0.5),
  microBatchSize: z.number().int().min(1).default(1),
  /** data.max_prompt_length (the paper's 4096). */
  maxPromptLength: z.number().int().min(64).default(4096),
  /** data.max_response_length: every turn of a conversation, tool results included (default from maxTurns × maxNewTokens). */
  maxResponseLength: z.number().int().min(64).optional(),
  /** trainer.default_local_dir on the cluster (default ~/flywheel-checkpoints/run-<id>). */
  checkpointDir: z.string().min(1).optional(),
  /** Extra Hydra overrides, applied last ("key=value" each). */
  overrides: z.array(z.string().regex(/^[+~]{0,2}[\w.\-/@]+=/, "a Hydra override reads key=value")).default([]),
  /** Extra environment variables for the job. */
  envVars: z.record(z.string(), z.string()).default({}),
  /** Delete the job from the cluster once it ends (its logs go with it). */
  deleteWhenDone: z.boolean().default(false),
});
export type RayOptions = z.infer<typeof RayOptions>;

export function parseRayOptions(backendOptions: Record<string, unknown>): RayOptions {
  const parsed = RayOptions.safeParse(backendOptions);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `backendOptions${i.path.map((p) => `.${String(p)}`).join("")}: ${i.message}`);
  throw new DomainError("invalid", `verl-ray options: ${issues.join("; ")}`, { issues });
}

export const rayAddress = (options: Pick<RayOptions, "address">): string => (options.address ?? process.env.FLYWHEEL_RAY_ADDRESS ?? DEFAULT_RAY_ADDRESS).replace(/\/+$/, "");
