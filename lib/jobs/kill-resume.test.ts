import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb, type Db } from "@/db/client";
import { getJob, listJobItems } from "@/db/queries/jobs";
import type { OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { enqueueJob } from "./control";
import { promptOf, startEchoDouble } from "./testing/echo-double";
import { waitFor } from "./testing/wait";

// The durability promise end to end: a worker process killed with SIGKILL in the middle of a
// job leaves it resumable; the next workers finish it with every item's result recorded once.

const BIN = path.resolve(__dirname, "../../bin/flywheel.mjs");
const COUNT = 200;

function worker(dbFile: string, args: string[]): ChildProcess & { output: () => string } {
  const child = spawn(process.execPath, [BIN, "worker", ...args], { env: { ...process.env, FLYWHEEL_DB: dbFile }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  return Object.assign(child, { output: () => output });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.once("exit", (code) => resolve(code))));

describe("kill and resume", () => {
  let dir: string;
  let db: Db;
  let double: OpenAiDouble;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-kill-"));
    db = openDb(path.join(dir, "flywheel.db"));
    double = await startEchoDouble({ latencyMs: 20 });
  });
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    await double.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a worker killed mid-job is resumed by the next ones: 200 items, each done once, usage adds up", { timeout: 90_000 }, async () => {
    const dbFile = path.join(dir, "flywheel.db");
    const price = { promptPerMTok: 3, completionPerMTok: 15 };
    const job = await enqueueJob({ db, kind: "demo.llm-echo", input: { baseUrl: double.url, model: "echo", count: COUNT, price } });

    const first = worker(dbFile, ["--concurrency", "2"]);
    children.push(first);
    await waitFor(() => getJob({ db, id: job.id }).done >= 30, `30 done items (worker said: ${first.output()})`, 45_000);
    first.kill("SIGKILL");
    await exited(first);
    const atKill = listJobItems({ db, jobId: job.id });
    const doneAtKill = atKill.filter((i) => i.status === "done").length;
    const runningAtKill = atKill.filter((i) => i.status === "running");
    expect(doneAtKill).toBeGreaterThanOrEqual(30);
    expect(doneAtKill).toBeLessThanOrEqual(120);
    expect(runningAtKill.length).toBeGreaterThan(0); // the kill interrupted runs: recovery is exercised
    expect(getJob({ db, id: job.id }).status).toBe("running");

    // Two workers race for the rest (claims across processes), each exits when nothing is left.
    const resumers = [worker(dbFile, ["--once"]), worker(dbFile, ["--once"])];
    children.push(...resumers);
    const codes = await Promise.all(resumers.map(exited));
    expect(codes, resumers.map((r) => r.output()).join("\n")).toEqual([0, 0]);

    const items = listJobItems({ db, jobId: job.id });
    expect(items).toHaveLength(COUNT);
    expect(new Set(items.map((i) => i.idx)).size).toBe(COUNT);
    for (const item of items) {
      expect(item.status).toBe("done");
      expect(item.result).toEqual({ text: `echo: Echo this #${item.idx}` });
    }
    // Items done before the kill kept their first and only result.
    for (const before of atKill.filter((i) => i.status === "done")) expect(items[before.idx].finishedAt).toBe(before.finishedAt);
    // Only the runs the kill cut short were sent again; each of those was recorded once.
    const sent = new Map<string, number>();
    for (const r of double.chatRequests()) sent.set(promptOf(r.body), (sent.get(promptOf(r.body)) ?? 0) + 1);
    const repeated = [...sent].filter(([, n]) => n > 1).map(([p]) => p);
    expect(sent.size).toBe(COUNT);
    expect(repeated.every((p) => runningAtKill.some((i) => (i.input as { prompt: string }).prompt === p))).toBe(true);
    for (const r of runningAtKill) expect(items[r.idx].attempts).toBe(2);

    const final = getJob({ db, id: job.id });
    expect(final).toMatchObject({ status: "succeeded", done: COUNT, failed: 0, error: null });
    expect(final.promptTokens).toBe(items.reduce((s, i) => s + i.promptTokens, 0));
    expect(final.completionTokens).toBe(items.reduce((s, i) => s + i.completionTokens, 0));
    expect(final.cost).toBeCloseTo(items.reduce((s, i) => s + i.cost, 0), 9);
    expect(final.cost).toBeCloseTo((final.promptTokens * price.promptPerMTok + final.completionTokens * price.completionPerMTok) / 1e6, 9);
  });
});
