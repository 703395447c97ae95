import { describe, expect, it } from "vitest";
import { openDb } from "../client";
import { RoundSpec, type TrainEventInput } from "@/lib/train/protocol";
import { appendEvent, createRun } from "./train-runs";
import { datasetLabel, runProgress, summarizeRuns } from "./train-summary";

const spec = RoundSpec.parse({ backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic" } });

describe("run progress", () => {
  it("reads the last GRPO step, the best validation reward and the checkpoint count from events", () => {
    const db = openDb(":memory:");
    const a = createRun({ db, spec });
    const b = createRun({ db, spec });
    const events: TrainEventInput[] = [
      { type: "metrics", step: 5, phase: "sft", data: { "actor/sft_loss": 1 } },
      { type: "metrics", step: 1, data: { "critic/score/mean": 0 } },
      { type: "metrics", step: 3, data: { "critic/score/mean": 0.5 } },
      { type: "eval", step: 0, reward: 0.25, byKind: {} },
      { type: "eval", step: 3, reward: 0.5, byKind: {} },
      { type: "eval", step: 4, reward: 0.4, byKind: {} },
      { type: "checkpoint", step: 3, path: "/x/3" },
      { type: "sample", step: 3, caseId: "1", reward: 1, messages: [] },
    ];
    for (const event of events) appendEvent({ db, runId: a.id, event });
    const p = runProgress({ db, runIds: [a.id, b.id] });
    expect(p.get(a.id)).toEqual({ steps: 3, bestValReward: 0.5, checkpoints: 1 });
    expect(p.get(b.id)).toEqual({ steps: 0, bestValReward: null, checkpoints: 0 });
    expect(runProgress({ db, runIds: [] }).size).toBe(0);
  });

  it("labels datasets, including a snapshot that no longer exists", () => {
    const db = openDb(":memory:");
    expect(datasetLabel({ db, ref: { kind: "domain", domainSlug: "clinic", validationRatio: 0.25 } })).toBe("clinic (verified cases)");
    expect(datasetLabel({ db, ref: { kind: "domain", domainSlug: "clinic", validationRatio: 0.25, problems: { ids: ["p1", "p2"], validationRatio: 0.25 } } })).toBe("clinic (verified cases) + 2 problems");
    expect(datasetLabel({ db, ref: { kind: "snapshot", snapshotId: 9 } })).toBe("snapshot 9 (deleted)");
    const [row] = summarizeRuns({ db, runs: [createRun({ db, spec })] });
    expect(row).toMatchObject({ backend: "builtin", datasetLabel: "clinic (verified cases)", progress: { steps: 0 } });
  });
});
