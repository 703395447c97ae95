import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-snapshot-"));
const env = { ...process.env, FLYWHEEL_DB: path.join(tmp, "cli.db") };
const run = (...argv: string[]) => spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), ...argv], { env, encoding: "utf8", cwd: tmp });

describe("flywheel snapshot / export", () => {
  let snapshot: { id: number; cases: number; train: number; validation: number; hash: string };

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), "verify", "clinic-appointments"], { env, cwd: tmp });
    const r = run("snapshot", "clinic-appointments", "--seed", "3", "--validation-ratio", "0.25", "--json");
    expect(r.stderr).toBe("");
    snapshot = JSON.parse(r.stdout);
  }, 120_000);

  it("snapshots the verified cases with a split and a hash; --approved with none approved fails clearly", () => {
    expect(snapshot.id).toBeGreaterThan(0);
    expect(snapshot.cases).toBeGreaterThan(0);
    expect(snapshot.train + snapshot.validation).toBe(snapshot.cases);
    expect(snapshot.validation).toBeGreaterThan(0);
    expect(snapshot.hash).toMatch(/^[0-9a-f]{64}$/);

    const same = JSON.parse(run("snapshot", "clinic-appointments", "--seed", "3", "--validation-ratio", "0.25", "--json").stdout);
    expect(same.hash).toBe(snapshot.hash);
    expect(same.version).toBe(2);

    const none = run("snapshot", "clinic-appointments", "--approved", "--json");
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no approved, verified cases/);
  });

  it("exports a snapshot as chat JSONL and tau2 tasks with the dataset card", () => {
    const chatDir = path.join(tmp, "chat");
    const chat = run("export", String(snapshot.id), "--format", "chat", "--out", chatDir, "--no-tokens", "--json");
    expect(chat.stderr).toBe("");
    expect(chat.status).toBe(0);
    const out = JSON.parse(chat.stdout) as { files: string[]; rows: number; warnings: unknown[] };
    expect(out.rows).toBe(snapshot.cases);
    const names = out.files.map((f) => path.basename(f));
    expect(names).toContain("README.md");
    const card = fs.readFileSync(path.join(chatDir, "README.md"), "utf8");
    expect(card).toContain(snapshot.hash);
    const lines = out.files.filter((f) => f.endsWith(".jsonl")).flatMap((f) => fs.readFileSync(f, "utf8").trim().split("\n"));
    expect(lines).toHaveLength(snapshot.cases);

    const tau2 = run("export", String(snapshot.id), "--format", "tau2", "--out", path.join(tmp, "tau2"), "--json");
    expect(tau2.status).toBe(0);
    expect(JSON.parse(tau2.stdout).files.some((f: string) => f.endsWith(".json"))).toBe(true);
  });

  it("rejects an unknown format and a missing snapshot", () => {
    const bad = run("export", String(snapshot.id), "--format", "csv", "--out", path.join(tmp, "x"));
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/unknown --format "csv"/);
    const missing = run("export", "999", "--format", "chat", "--out", path.join(tmp, "y"));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No snapshot with id 999/);
  });
});
