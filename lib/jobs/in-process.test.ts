import { afterAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { getDb } from "@/db/client";
import { getJob } from "@/db/queries/jobs";
import { enqueueJob } from "./control";
import { startInProcessRunner } from "./in-process";
import { registerJobKind } from "./registry";
import { waitFor } from "./testing/wait";

// The server's runner: started once per process against FLYWHEEL_DB, runs what gets enqueued.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-inproc-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");
registerJobKind({ kind: "test.inproc", runItem: async (n: number) => n + 1 });

describe("startInProcessRunner", () => {
  afterAll(async () => {
    await (await startInProcessRunner())?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("does nothing with FLYWHEEL_JOBS=off", () => {
    process.env.FLYWHEEL_JOBS = "off";
    expect(startInProcessRunner()).toBeUndefined();
    delete process.env.FLYWHEEL_JOBS;
  });

  it("starts one runner per process, which runs enqueued jobs outside the caller", async () => {
    const first = startInProcessRunner();
    expect(startInProcessRunner()).toBe(first);
    const runner = (await first)!;
    const job = await enqueueJob({ db: getDb(), kind: "test.inproc", input: { items: [1, 2, 3] } });
    await waitFor(() => getJob({ db: getDb(), id: job.id }).status === "succeeded", "the job to finish");
    expect(getJob({ db: getDb(), id: job.id }).done).toBe(3);
    await waitFor(() => runner.inflightCount === 0, "the pool to drain");
  });
});
