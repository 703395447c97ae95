import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { JobLogCursor, RayJobsClient, type RayJobDetails } from "./client";
import { RayJobsDouble } from "./testing/ray-jobs-double";

let double: RayJobsDouble;
let client: RayJobsClient;
const ZIP = new Uint8Array([80, 75, 5, 6, ...new Array(18).fill(0)]);
const NAME = "_ray_pkg_0123456789abcdef.zip";

beforeAll(async () => {
  // four lines 25 ms apart, then success; "slow" jobs keep printing for a second
  double = await RayJobsDouble.start({
    pendingMs: 10,
    script: (job) =>
      job.submission.metadata?.kind === "manual"
        ? []
        : job.submission.metadata?.kind === "slow"
        ? Array.from({ length: 40 }, (_, i) => ({ afterMs: 25, line: `tick ${i}` }))
        : [...[1, 2, 3, 4].map((i) => ({ afterMs: 25, line: `step:${i} - critic/score/mean:0.${i}` })), { afterMs: 25, status: "SUCCEEDED" as const }],
  });
  client = new RayJobsClient(double.url + "/");
});
afterAll(() => double.close());

async function until(id: string, done: (d: RayJobDetails) => boolean): Promise<RayJobDetails> {
  for (let i = 0; i < 200; i++) {
    const d = await client.getJob(id);
    if (done(d)) return d;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`job ${id} never got there`);
}

describe("RayJobsClient against the Ray Jobs double", () => {
  it("checks the version, uploads a package once, submits to /api/jobs/ with the trailing slash, and polls to the end", async () => {
    expect((await client.version()).ray_version).toBe("2.49.0");
    expect(await client.packageExists(NAME)).toBe(false);
    await client.uploadPackage(NAME, ZIP);
    expect(await client.packageExists(NAME)).toBe(true);
    expect(Buffer.from(double.packages.get(NAME)!).equals(Buffer.from(ZIP))).toBe(true);

    const submitted = await client.submitJob({ entrypoint: "bash run.sh", submission_id: "flywheel-1", runtime_env: { working_dir: `gcs://${NAME}`, env_vars: { A: "1" } }, metadata: { run: "1" }, entrypoint_num_gpus: 0 });
    expect(submitted.submission_id).toBe("flywheel-1");
    expect(double.requests).toContain("POST /api/jobs/");
    const first = await client.getJob("flywheel-1");
    expect(first).toMatchObject({ submission_id: "flywheel-1", entrypoint: "bash run.sh", metadata: { run: "1" }, runtime_env: { working_dir: `gcs://${NAME}`, env_vars: { A: "1" } } });
    expect(["PENDING", "RUNNING"]).toContain(first.status);
    expect((await until("flywheel-1", (d) => d.status === "SUCCEEDED")).end_time).toBeGreaterThan(0);
    expect(await client.getJob(submitted.job_id!)).toMatchObject({ submission_id: "flywheel-1" });
    expect((await client.listJobs()).map((j) => j.submission_id)).toContain("flywheel-1");
  });

  it("reads the log in increments that add up to the whole", async () => {
    await client.submitJob({ entrypoint: "bash run.sh", submission_id: "flywheel-logs", metadata: { kind: "manual" } });
    const job = double.job("flywheel-logs")!;
    const cursor = new JobLogCursor(client, "flywheel-logs");
    const parts = [await cursor.next()];
    for (const chunk of ["step:1 - critic/score/mean:0.1\nstep:2 - crit", "ic/score/mean:0.2\n", "", "done\n"]) {
      job.logs += chunk;
      parts.push(await cursor.next());
    }
    expect(parts).toEqual(["", "step:1 - critic/score/mean:0.1\nstep:2 - crit", "ic/score/mean:0.2\n", "", "done\n"]);
    expect(parts.join("")).toBe(await client.getLogs("flywheel-logs"));
    // a log that shrank (the job restarted) is read from its start again
    job.logs = "again\n";
    expect(await cursor.next()).toBe("again\n");
  });

  it("stops a running job (STOPPED), refuses to delete it while it runs, deletes it once ended", async () => {
    await client.submitJob({ entrypoint: "bash run.sh", submission_id: "flywheel-stop", metadata: { kind: "slow" } });
    await until("flywheel-stop", (d) => d.status === "RUNNING");
    await expect(client.deleteJob("flywheel-stop")).rejects.toThrow(/Ray rejected DELETE \/api\/jobs\/flywheel-stop: .*non-terminal state RUNNING/);
    expect(await client.stopJob("flywheel-stop")).toBe(true);
    expect((await client.getJob("flywheel-stop")).status).toBe("STOPPED");
    expect(await client.stopJob("flywheel-stop")).toBe(false);
    expect(await client.deleteJob("flywheel-stop")).toBe(true);
    const gone = await client.getJob("flywheel-stop").catch((e) => e);
    expect(gone).toBeInstanceOf(DomainError);
    expect(gone).toMatchObject({ code: "not_found", message: expect.stringMatching(/has no jobs\/flywheel-stop \(404: Job flywheel-stop does not exist\)/) });
  });

  it("says clearly what Ray rejected and what it cannot reach", async () => {
    const unknown = await client.submitJob({ entrypoint: "bash run.sh", runtime_env: { working_dir: "gcs://_ray_pkg_missing.zip" } }).catch((e) => e);
    expect(unknown).toMatchObject({ code: "invalid", message: expect.stringMatching(/^Ray rejected POST \/api\/jobs\/: runtime_env working_dir gcs:\/\/_ray_pkg_missing\.zip is not a package/) });
    await client.submitJob({ entrypoint: "true", submission_id: "dup" });
    await expect(client.submitJob({ entrypoint: "true", submission_id: "dup" })).rejects.toThrow(/submission_id dup already exists/);
    await expect(client.submitJob({ entrypoint: " " })).rejects.toThrow(/needs an entrypoint/);
    // the double itself answers a missing entrypoint with 400, as Ray does
    const raw = await fetch(`${double.url}/api/jobs/`, { method: "POST", body: JSON.stringify({ runtime_env: {} }) });
    expect([raw.status, await raw.text()]).toEqual([400, "JobSubmitRequest: entrypoint is required and must be a non-empty string"]);
    await expect(client.uploadPackage("../etc/passwd", ZIP)).rejects.toThrow(/not a Ray package name/);

    const closed = await RayJobsDouble.start({ script: () => [] });
    const url = closed.url;
    await closed.close();
    const unreachable = await new RayJobsClient(url).version().catch((e) => e);
    expect(unreachable).toMatchObject({ code: "internal", message: expect.stringMatching(/^cannot reach the Ray dashboard at http:\/\/127\.0\.0\.1:\d+ \(GET \/api\/version: ECONNREFUSED\)/) });
  });
});
