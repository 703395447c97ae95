import { DomainError } from "@/lib/errors";

/** Ray's job statuses (the studio's run statuses mirror them). */
export const RAY_JOB_STATUSES = ["PENDING", "RUNNING", "STOPPED", "SUCCEEDED", "FAILED"] as const;
export type RayJobStatus = (typeof RAY_JOB_STATUSES)[number];

/** `GET /api/jobs/{id}`: Ray's JobDetails (the fields the studio reads; Ray sends more). */
export interface RayJobDetails {
  type?: string;
  job_id: string | null;
  submission_id: string;
  status: RayJobStatus;
  entrypoint: string;
  message: string | null;
  error_type?: string | null;
  start_time?: number | null;
  end_time?: number | null;
  metadata?: Record<string, string> | null;
  runtime_env?: Record<string, unknown> | null;
  driver_exit_code?: number | null;
}

/** `POST /api/jobs/`: Ray's JobSubmitRequest. */
export interface RayJobSubmission {
  entrypoint: string;
  submission_id?: string;
  runtime_env?: { working_dir?: string; env_vars?: Record<string, string>; pip?: string[] } & Record<string, unknown>;
  metadata?: Record<string, string>;
  entrypoint_num_cpus?: number;
  entrypoint_num_gpus?: number;
  entrypoint_memory?: number;
  entrypoint_resources?: Record<string, number>;
}

export interface RayClientOptions {
  /** Per request (default 30 s); package uploads get `uploadTimeoutMs` (default 10 min). */
  timeoutMs?: number;
  uploadTimeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The Ray Jobs REST API of a cluster's dashboard (default port 8265): package upload, job
 * submission, status, logs, stop and delete. Every failure is a DomainError that says which call
 * failed and why: 400 "invalid" with Ray's text, 404 "not_found", unreachable "internal".
 */
export class RayJobsClient {
  readonly address: string;
  private readonly fetch: typeof fetch;

  constructor(
    address: string,
    private readonly options: RayClientOptions = {},
  ) {
    this.address = address.replace(/\/+$/, "");
    this.fetch = options.fetch ?? fetch;
  }

  /** A cheap health check: `{version, ray_version, ray_commit}`. */
  version(): Promise<{ version: string; ray_version: string; ray_commit?: string }> {
    return this.json("GET", "/api/version");
  }

  async packageExists(name: string): Promise<boolean> {
    const res = await this.request("GET", packagePath(name), undefined, { allow404: true });
    return res.status !== 404;
  }

  /** PUT the zip as the body; the job then names it as working_dir `gcs://<name>`. */
  async uploadPackage(name: string, zip: Uint8Array): Promise<void> {
    await this.request("PUT", packagePath(name), zip, { timeoutMs: this.options.uploadTimeoutMs ?? 600_000 });
  }

  async submitJob(job: RayJobSubmission): Promise<{ submission_id: string; job_id: string | null }> {
    if (!job.entrypoint?.trim()) throw new DomainError("invalid", "a Ray job needs an entrypoint");
    // the trailing slash matters: Ray's route is /api/jobs/
    return this.json("POST", "/api/jobs/", job);
  }

  getJob(id: string): Promise<RayJobDetails> {
    return this.json("GET", `/api/jobs/${encodeURIComponent(id)}`);
  }

  listJobs(): Promise<RayJobDetails[]> {
    return this.json("GET", "/api/jobs/");
  }

  /** The job's whole log so far (Ray has no offset parameter; `JobLogCursor` takes the new part). */
  async getLogs(id: string): Promise<string> {
    return (await this.json<{ logs: string }>("GET", `/api/jobs/${encodeURIComponent(id)}/logs`)).logs ?? "";
  }

  async stopJob(id: string): Promise<boolean> {
    return (await this.json<{ stopped: boolean }>("POST", `/api/jobs/${encodeURIComponent(id)}/stop`)).stopped;
  }

  /** Only terminal jobs can be deleted (Ray answers 400 otherwise). */
  async deleteJob(id: string): Promise<boolean> {
    return (await this.json<{ deleted: boolean }>("DELETE", `/api/jobs/${encodeURIComponent(id)}`)).deleted;
  }

  private async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body === undefined ? undefined : JSON.stringify(body));
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new DomainError("internal", `Ray ${method} ${path} at ${this.address} answered something that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  private async request(method: string, path: string, body?: string | Uint8Array, opts: { allow404?: boolean; timeoutMs?: number } = {}): Promise<Response> {
    const url = this.address + path;
    let res: Response;
    try {
      res = await this.fetch(url, {
        method,
        body: body as BodyInit | undefined,
        headers: body === undefined ? undefined : { "Content-Type": typeof body === "string" ? "application/json" : "application/octet-stream" },
        signal: AbortSignal.timeout(opts.timeoutMs ?? this.options.timeoutMs ?? 30_000),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      const why = cause?.code ?? cause?.message ?? (e as Error).message;
      throw new DomainError("internal", `cannot reach the Ray dashboard at ${this.address} (${method} ${path}: ${why}); check that the cluster is up and backendOptions.address / FLYWHEEL_RAY_ADDRESS points at its dashboard (port 8265)`);
    }
    if (res.ok || (opts.allow404 && res.status === 404)) return res;
    const text = (await res.text().catch(() => "")).trim().slice(0, 2000);
    const details = { status: res.status, body: text };
    if (res.status === 400) throw new DomainError("invalid", `Ray rejected ${method} ${path}: ${text || "400 Bad Request"}`, details);
    if (res.status === 404) throw new DomainError("not_found", `Ray at ${this.address} has no ${path.replace(/^\/api\//, "")} (404${text ? `: ${text}` : ""})`, details);
    throw new DomainError("internal", `Ray ${method} ${path} failed with HTTP ${res.status}${text ? `: ${text}` : ""}`, details);
  }
}

function packagePath(name: string): string {
  if (!/^[\w.\-]+\.zip$/.test(name)) throw new DomainError("invalid", `"${name}" is not a Ray package name (_ray_pkg_<hash>.zip)`);
  return `/api/packages/gcs/${name}`;
}

/** Reads a job's log incrementally: each `next()` returns only what was added since the last one. */
export class JobLogCursor {
  private seen = 0;

  constructor(
    private readonly client: RayJobsClient,
    readonly jobId: string,
  ) {}

  async next(): Promise<string> {
    const logs = await this.client.getLogs(this.jobId);
    // a shorter log than before was rotated or restarted: read it from the start
    const fresh = logs.length >= this.seen ? logs.slice(this.seen) : logs;
    this.seen = logs.length;
    return fresh;
  }
}
