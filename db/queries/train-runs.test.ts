import { describe, expect, it } from "vitest";
import { openDb } from "../client";
const openTestDb = () => openDb(":memory:");
import { RoundSpec } from "@/lib/train/protocol";
import { appendEvent, createRun, getRun, listEvents, requestStop, setRunStatus } from "./train-runs";

const spec = RoundSpec.parse({ backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic" } });

describe("train runs", () => {
  it("stores events in order, moves status through status events and keeps a terminal status final", () => {
    const db = openTestDb();
    const run = createRun({ db, spec, createdBy: "u1" });
    expect(run.status).toBe("PENDING");
    appendEvent({ db, runId: run.id, event: { type: "status", status: "RUNNING" } });
    appendEvent({ db, runId: run.id, event: { type: "metrics", step: 1, data: { "critic/score/mean": 0.25 } } });
    const cp = appendEvent({ db, runId: run.id, event: { type: "checkpoint", step: 1, path: "/tmp/x" } });
    expect(getRun({ db, id: run.id })).toMatchObject({ status: "RUNNING", startedAt: expect.any(String) });
    expect(listEvents({ db, runId: run.id, types: ["metrics"] })).toEqual([expect.objectContaining({ type: "metrics", step: 1, phase: "grpo", data: { "critic/score/mean": 0.25 } })]);
    expect(listEvents({ db, runId: run.id, afterId: cp - 1 }).map((e) => e.type)).toEqual(["checkpoint"]);
    expect(() => appendEvent({ db, runId: run.id, event: { type: "metrics", step: -1, data: {} } })).toThrow();
    requestStop({ db, id: run.id });
    setRunStatus({ db, id: run.id, status: "STOPPED", message: "asked" });
    setRunStatus({ db, id: run.id, status: "SUCCEEDED" });
    expect(getRun({ db, id: run.id })).toMatchObject({ status: "STOPPED", stopRequested: true, endedAt: expect.any(String) });
    expect(() => requestStop({ db, id: run.id })).toThrow(/already ended/);
  });
});
