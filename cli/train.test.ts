import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "@/db/client";
import { listEvents } from "@/db/queries/train-runs";

const root = path.resolve(__dirname, "..");

describe("flywheel train --backend builtin", () => {
  it("verifies the domain, trains a tiny policy for a few seeded steps, and ends with a validation reward above the untrained policy's", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-train-"));
    const dbFile = path.join(tmp, "cli.db");
    const r = spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), "train", "clinic-appointments", "--backend", "builtin", "--steps", "2", "--seed", "1", "--json"], {
      env: { ...process.env, FLYWHEEL_DB: dbFile },
      encoding: "utf8",
      cwd: root,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { run_id: number; status: string; steps: number; initial_reward: number; final_reward: number; checkpoint: string };
    expect(out).toMatchObject({ status: "SUCCEEDED", steps: 2 });
    expect(out.final_reward).toBeGreaterThan(out.initial_reward);
    expect(fs.existsSync(path.join(out.checkpoint, "weights.bin"))).toBe(true);
    // the run's events are in SQLite under verl's metric names
    const metrics = listEvents({ db: openDb(dbFile), runId: out.run_id, types: ["metrics"] });
    expect(metrics.some((e) => e.type === "metrics" && e.phase === "grpo" && "critic/score/mean" in e.data && "actor/kl_loss" in e.data)).toBe(true);
    fs.rmSync(tmp, { recursive: true, force: true });
  }, 240_000);
});
