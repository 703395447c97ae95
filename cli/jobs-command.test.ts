import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { jobsCommand } from "./jobs-command";

// Runs the command in-process against a temp FLYWHEEL_DB and reads what it printed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "jobs-cli-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");

let out = "";
const jobs = async (...argv: string[]) => {
  out = "";
  return jobsCommand.run(argv);
};
const json = () => JSON.parse(out);

describe("flywheel jobs", () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("enqueues, shows, cancels, resumes and lists a job", async () => {
    const input = JSON.stringify({ baseUrl: "http://127.0.0.1:9/v1", model: "m", count: 3 });
    expect(await jobs("enqueue", "demo.llm-echo", "--input", input, "--json")).toBe(0);
    const id = json().id as number;
    expect(json()).toMatchObject({ kind: "demo.llm-echo", status: "queued", total: 3, pending: 3, etaSeconds: null });

    await jobs("cancel", String(id), "--json");
    expect(json()).toMatchObject({ status: "cancelled", pending: 3 });
    await jobs("resume", String(id));
    expect(out).toMatch(new RegExp(`^job ${id} demo.llm-echo: queued  done 0, failed 0, pending 3, running 0 of 3`));

    await jobs("list");
    expect(out).toMatch(/id\s+kind\s+status/);
    expect(out).toMatch(new RegExp(`${id}\\s+demo.llm-echo\\s+queued`));
    await jobs("list", "--json", "--status", "queued");
    expect(json()).toEqual([expect.objectContaining({ id, status: "queued" })]);
    expect(json()[0].input).toBeUndefined();
  });

  it("says what is wrong with a bad id, status or subcommand", async () => {
    await expect(jobs("show", "x")).rejects.toThrow(/A job id \(a whole number\) is required/);
    await expect(jobs("show", "9999")).rejects.toThrow(/No job with id 9999/);
    await expect(jobs("list", "--status", "done")).rejects.toThrow(/--status must be one of queued, running/);
    await expect(jobs("frobnicate")).rejects.toThrow(/usage: flywheel jobs list/);
  });
});
