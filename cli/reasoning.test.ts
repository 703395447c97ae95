import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-reasoning-cli-"));
const env = { ...process.env, FLYWHEEL_DB: path.join(tmp, "cli.db") };
const run = (...argv: string[]) => spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), "reasoning", ...argv], { env, encoding: "utf8", cwd: tmp });
const json = (r: ReturnType<typeof run>) => {
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
};

describe("flywheel reasoning", () => {
  it("generates, evaluates, hardens the failures and exports: the printed contracts", () => {
    const gen = json(run("generate", "retail-orders", "--count", "12", "--seed", "3", "--json"));
    expect(gen).toMatchObject({ verified: 12, stored: 12 });
    expect(gen.generated).toBe(12 + gen.rejected.length);
    expect(gen.rejected.every((r: { reason: string }) => r.reason.length > 0)).toBe(true);
    expect(Object.values(gen.by_kind as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(12);

    const evaluated = json(run("eval", "retail-orders", "--agent", "budget:2", "--json"));
    expect(evaluated).toMatchObject({ policy: "budget:2", problems: 12, samples: 1 });
    expect(evaluated.pass_rate).toBeLessThan(1);

    const hard = json(run("harden", "retail-orders", "--from", String(evaluated.eval_id), "--json"));
    expect(hard.parents).toBe(Math.round(12 * (1 - evaluated.pass_rate)));
    expect(hard.verified).toBeGreaterThan(0);
    expect(hard.mean_difficulty_after).toBeGreaterThan(hard.mean_difficulty_before);
    expect(Object.keys(hard).sort()).toEqual(["mean_difficulty_after", "mean_difficulty_before", "parents", "rejected", "variants", "verified"]);

    const out = path.join(tmp, "verl");
    const exported = json(run("export", "retail-orders", "--format", "verl", "--out", out, "--validation-ratio", "0", "--json"));
    expect(exported).toMatchObject({ rows: 12 + hard.verified, skipped: 0, files: [path.join(out, "train.parquet"), path.join(out, "README.md")], snapshot_hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(fs.readFileSync(path.join(out, "train.parquet")).subarray(0, 4).toString()).toBe("PAR1");
    const none = run("export", "clinic-appointments", "--format", "chat", "--out", path.join(tmp, "chat"));
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/No verified problems to export in clinic-appointments/);

    const bad = run("harden", "retail-orders", "--json");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/usage: flywheel reasoning generate/);
  }, 60_000);
});
