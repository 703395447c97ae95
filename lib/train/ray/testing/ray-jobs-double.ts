import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { RayJobDetails, RayJobStatus, RayJobSubmission } from "../client";

/**
 * A TEST DOUBLE of a Ray cluster's Jobs API, on loopback, speaking the real REST shapes over
 * HTTP: it stores uploaded packages, accepts jobs, and "runs" a job by playing a script of log
 * lines over time (PENDING → RUNNING → the script's end). It trains nothing; the script
 * (testing/verl-script.ts) writes what verl would print.
 */

/** One beat of a job: after `afterMs`, append a log line, or end the job with a status. */
export type ScriptStep = { afterMs: number; line: string } | { afterMs: number; status: Exclude<RayJobStatus, "PENDING" | "RUNNING">; message?: string };
export type JobScript = (job: DoubleJob, double: RayJobsDouble) => ScriptStep[] | Promise<ScriptStep[]>;

export interface DoubleJob {
  details: RayJobDetails;
  submission: RayJobSubmission;
  logs: string;
  timers: NodeJS.Timeout[];
}

export interface RayJobsDoubleOptions {
  script: JobScript;
  /** How long a job stays PENDING (default 20 ms). */
  pendingMs?: number;
}

export class RayJobsDouble {
  readonly packages = new Map<string, Buffer>();
  readonly jobs = new Map<string, DoubleJob>();
  /** "METHOD /path" of every request, in order. */
  readonly requests: string[] = [];
  private nextJob = 1;

  private constructor(
    private readonly server: http.Server,
    readonly url: string,
    private readonly options: RayJobsDoubleOptions,
  ) {}

  static async start(options: RayJobsDoubleOptions): Promise<RayJobsDouble> {
    const server = http.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const double = new RayJobsDouble(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, options);
    server.on("request", (req, res) => void double.handle(req, res));
    return double;
  }

  async close(): Promise<void> {
    for (const job of this.jobs.values()) job.timers.forEach(clearTimeout);
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  job(id: string): DoubleJob | undefined {
    return this.jobs.get(id) ?? [...this.jobs.values()].find((j) => j.details.job_id === id);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const method = req.method ?? "GET";
    const route = new URL(req.url ?? "/", this.url).pathname;
    this.requests.push(`${method} ${route}`);
    const send = (status: number, payload: unknown) => {
      const text = typeof payload === "string" ? payload : JSON.stringify(payload);
      res.writeHead(status, { "content-type": typeof payload === "string" ? "text/plain" : "application/json" }).end(text);
    };
    const pkg = /^\/api\/packages\/gcs\/([^/]+)$/.exec(route);
    const jobRoute = /^\/api\/jobs\/([^/]+)(\/logs|\/stop)?$/.exec(route);
    if (route === "/api/version" && method === "GET") return send(200, { version: "4", ray_version: "2.49.0", ray_commit: "double" });
    if (pkg && method === "PUT") {
      this.packages.set(pkg[1], body);
      return send(200, { message: `Successfully uploaded gcs://${pkg[1]}` });
    }
    if (pkg && method === "GET") return this.packages.has(pkg[1]) ? send(200, { message: "Package exists" }) : send(404, `Package gcs://${pkg[1]} does not exist`);
    if (route === "/api/jobs/" && method === "POST") return this.submit(body, send);
    if (route === "/api/jobs/" && method === "GET") return send(200, [...this.jobs.values()].map((j) => j.details));
    if (jobRoute) {
      const job = this.job(decodeURIComponent(jobRoute[1]));
      if (!job) return send(404, `Job ${jobRoute[1]} does not exist`);
      if (!jobRoute[2] && method === "GET") return send(200, job.details);
      if (jobRoute[2] === "/logs" && method === "GET") return send(200, { logs: job.logs });
      if (jobRoute[2] === "/stop" && method === "POST") return send(200, { stopped: this.stop(job) });
      if (!jobRoute[2] && method === "DELETE") {
        if (!isEnded(job.details.status)) return send(400, `Attempted to delete job with submission_id ${job.details.submission_id}, but it is in a non-terminal state ${job.details.status}.`);
        this.jobs.delete(job.details.submission_id);
        return send(200, { deleted: true });
      }
    }
    send(404, "404: Not Found");
  }

  private submit(body: Buffer, send: (status: number, payload: unknown) => void): void {
    let submission: RayJobSubmission;
    try {
      submission = JSON.parse(body.toString("utf8"));
    } catch (e) {
      return send(400, `Failed to parse request JSON body: ${(e as Error).message}`);
    }
    if (typeof submission?.entrypoint !== "string" || !submission.entrypoint.trim()) return send(400, "JobSubmitRequest: entrypoint is required and must be a non-empty string");
    const workingDir = submission.runtime_env?.working_dir;
    if (workingDir !== undefined && !this.packages.has(String(workingDir).replace(/^gcs:\/\//, ""))) {
      return send(400, `runtime_env working_dir ${workingDir} is not a package on this cluster; upload it first (PUT /api/packages/gcs/<name>)`);
    }
    const submissionId = submission.submission_id ?? `raysubmit_${String(this.nextJob).padStart(16, "0")}`;
    if (this.jobs.has(submissionId)) return send(400, `Job with submission_id ${submissionId} already exists. Please use a different submission_id.`);
    const details: RayJobDetails = {
      type: "SUBMISSION",
      job_id: (this.nextJob++).toString(16).padStart(8, "0"),
      submission_id: submissionId,
      status: "PENDING",
      entrypoint: submission.entrypoint,
      message: "Job has not started yet. It may be waiting for resources (CPUs, GPUs, memory, custom resources) to become available.",
      error_type: null,
      start_time: Date.now(),
      end_time: null,
      metadata: submission.metadata ?? {},
      runtime_env: submission.runtime_env ?? {},
      driver_exit_code: null,
    };
    const job: DoubleJob = { details, submission, logs: "", timers: [] };
    this.jobs.set(submissionId, job);
    job.timers.push(setTimeout(() => void this.run(job), this.options.pendingMs ?? 20));
    send(200, { submission_id: submissionId, job_id: details.job_id });
  }

  private async run(job: DoubleJob): Promise<void> {
    if (job.details.status !== "PENDING") return;
    Object.assign(job.details, { status: "RUNNING", message: "Job is currently running." });
    let steps: ScriptStep[];
    try {
      steps = await this.options.script(job, this);
    } catch (e) {
      steps = [{ afterMs: 0, line: `Traceback (most recent call last):\nRuntimeError: ${(e as Error).message}` }, { afterMs: 0, status: "FAILED", message: `Job entrypoint command failed with exit code 1: ${(e as Error).message}` }];
    }
    let at = 0;
    for (const step of steps) {
      at += step.afterMs;
      job.timers.push(
        setTimeout(() => {
          if (isEnded(job.details.status)) return;
          if ("line" in step) job.logs += step.line + "\n";
          else this.finish(job, step.status, step.message ?? (step.status === "SUCCEEDED" ? "Job finished successfully." : "Job failed."));
        }, at),
      );
    }
  }

  private stop(job: DoubleJob): boolean {
    if (isEnded(job.details.status)) return false;
    this.finish(job, "STOPPED", "Job was intentionally stopped.");
    return true;
  }

  private finish(job: DoubleJob, status: RayJobStatus, message: string): void {
    job.timers.forEach(clearTimeout);
    Object.assign(job.details, { status, message, end_time: Date.now(), driver_exit_code: status === "SUCCEEDED" ? 0 : status === "FAILED" ? 1 : null });
  }
}

const isEnded = (status: RayJobStatus) => status === "STOPPED" || status === "SUCCEEDED" || status === "FAILED";
