import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Runs the command in-process against a temp FLYWHEEL_DB and reads what it printed.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "round-cli-"));
process.env.FLYWHEEL_DB = path.join(dir, "flywheel.db");
process.env.FLYWHEEL_JOBS = "off";

import { studioDb } from "@/db";
import { verifyAndStoreDomain } from "@/db/queries/verify";
import { roundCommand } from "./round";

let out = "";
const round = async (...argv: string[]) => {
  out = "";
  return roundCommand.run(argv);
};
const json = () => JSON.parse(out);

beforeAll(() => {
  verifyAndStoreDomain({ db: studioDb(), slug: "clinic-appointments" });
}, 60_000);

describe("flywheel round", () => {
  beforeEach(() => {
    vi.spyOn(process.stdout, "write").mockImplementation((s) => ((out += String(s)), true));
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a project, runs a round to its close unattended, and re-runs it from its records", async () => {
    const settings = JSON.stringify({ reasoning: { enabled: false }, growth: { maxCases: 4 } });
    await expect(round("project", "create", "clinic cli", "--domain", "clinic-appointments", "--backend", "none")).rejects.toThrow(/--base-model/);
    expect(await round("project", "create", "clinic cli", "--domain", "clinic-appointments", "--backend", "none", "--base-model", "hack", "--trials", "1", "--settings", settings, "--json")).toBe(0);
    expect(json()).toMatchObject({ name: "clinic cli", backend: "none", baseModel: "hack", settings: { reviewRequired: true, trials: 1, growth: { maxCases: 4 } } });

    expect(await round("next", "clinic cli", "--auto-approve-verified", "--json")).toBe(0);
    const summary = json();
    expect(summary).toMatchObject({ project: "clinic cli", number: 1, status: "closed", error: null });
    expect(summary.steps.map((s: { status: string }) => s.status)).toEqual(["done", "done", "skipped", "skipped", "done", "done", "done", "done", "skipped", "done", "done"]);
    expect(summary.output[0]).toMatchObject({ domain: "clinic-appointments", added: 4 });
    expect(summary.review).toMatchObject({ required: true, autoApproved: 4, cases: { approved: 4, pending: 0 } });

    expect(await round("replay", String(summary.id), "--json")).toBe(0);
    expect(json().domains[0]).toMatchObject({ isSameHash: true, recordedHash: summary.output[0].hash, regenerated: 4, identical: 4 });
    expect(await round("list", "clinic cli", "--json")).toBe(0);
    expect(json().map((r: { number: number; status: string }) => [r.number, r.status])).toEqual([[1, "closed"]]);
  }, 120_000);
});
