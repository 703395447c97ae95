import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/db/queries/train-runs";
import { checkpoints, hasSeries, kindPassRates, lastGrpoStep, logLines, REWARD_BAND, samplesByStep, stepRows, VAL_PASS } from "./series";

let id = 0;
const ev = (e: Record<string, unknown>) => ({ id: ++id, createdAt: "", ...e }) as unknown as StoredEvent;
const events: StoredEvent[] = [
  ev({ type: "status", status: "RUNNING", message: "" }),
  ev({ type: "metrics", step: 1, phase: "sft", data: { "actor/sft_loss": 2.5 } }),
  ev({ type: "eval", step: 0, reward: 0.1, byKind: { refuse: { pass: 0, n: 2 }, execute: { pass: 0.5, n: 2 } } }),
  ev({ type: "metrics", step: 2, phase: "grpo", data: { "critic/score/mean": 0.5, "critic/score/std": 0.2 } }),
  ev({ type: "metrics", step: 1, phase: "grpo", data: { "critic/score/mean": 0.25 } }),
  ev({ type: "metrics", step: 2, phase: "grpo", data: { "actor/entropy": 3 } }),
  ev({ type: "sample", step: 1, caseId: "7", branchKind: "execute", reward: 1, messages: [] }),
  ev({ type: "sample", step: 2, caseId: "8", branchKind: "refuse", reward: 0, messages: [] }),
  ev({ type: "sample", step: 1, caseId: "9", branchKind: "refuse", reward: 0, messages: [] }),
  ev({ type: "eval", step: 2, reward: 0.5, byKind: { execute: { pass: 1, n: 2 }, clarify: { pass: 0, n: 1 } } }),
  ev({ type: "checkpoint", step: 2, path: "/runs/1/step-2" }),
  ev({ type: "log", level: "warn", message: "slow" }),
];

describe("series", () => {
  it("builds one row per step with the reward band and the validation pass rate", () => {
    const rows = stepRows(events, "grpo");
    expect(rows.map((r) => r.step)).toEqual([0, 1, 2]);
    expect(rows[0]).toEqual({ step: 0, [VAL_PASS]: 0.1 });
    expect(rows[1][REWARD_BAND]).toEqual([0.25, 0.25]);
    expect(rows[2]).toMatchObject({ "actor/entropy": 3, [VAL_PASS]: 0.5 });
    const [lo, hi] = rows[2][REWARD_BAND] as [number, number];
    expect([lo, hi].map((x) => +x.toFixed(3))).toEqual([0.3, 0.7]);
    const clamped = stepRows([ev({ type: "metrics", step: 1, phase: "grpo", data: { "critic/score/mean": 0.25, "critic/score/std": 0.43, "critic/score/min": 0, "critic/score/max": 1 } })], "grpo");
    const [cLo, cHi] = clamped[0][REWARD_BAND] as [number, number];
    expect(cLo).toBe(0);
    expect(cHi).toBeCloseTo(0.68);
    expect(stepRows(events, "sft")).toEqual([{ step: 1, "actor/sft_loss": 2.5 }]);
    expect(lastGrpoStep(events)).toBe(2);
    expect(hasSeries(rows, "actor/entropy")).toBe(true);
    expect(hasSeries(rows, "actor/kl_loss")).toBe(false);
  });

  it("groups samples by step (latest first), lists kinds, checkpoints and log lines", () => {
    expect(samplesByStep(events).map((g) => [g.step, g.samples.map((s) => s.caseId)])).toEqual([[2, ["8"]], [1, ["7", "9"]]]);
    expect(kindPassRates(events).kinds).toEqual(["clarify", "execute", "refuse"]);
    expect(checkpoints(events).map((c) => c.path)).toEqual(["/runs/1/step-2"]);
    expect(logLines(events).map((l) => l.type)).toEqual(["status", "log"]);
  });
});
