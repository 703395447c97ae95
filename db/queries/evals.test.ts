import { EvalSetup } from "@/lib/eval/setup";
import { describe, expect, it } from "vitest";
import { openDb } from "../client";
import { STOP_MARKER } from "@/lib/chat/schema";
import { summarize, type TrialOutcome, type TrialResult } from "@/lib/eval/metrics";
import { RoundSpec } from "@/lib/train/protocol";
import { createEval, endReasonOf, failEval, finishEval, getEval, getEvalDetail, listEvals, recordResult, restartEval } from "./evals";
import { createRun } from "./train-runs";

const trial = (caseId: string, n: number, outcome: TrialOutcome, last = `ok ${STOP_MARKER}`): TrialResult => ({
  caseId, trial: n, kind: "refuse", outcome, reward: outcome === "pass" ? 1 : 0, endReason: "user_stop", agentTurns: 1, toolCalls: 0,
  messages: [{ role: "system", content: "policy" }, { role: "user", content: last }], error: outcome === "error" ? "agent crashed" : null, observed: "",
});

describe("eval queries", () => {
  it("creates, records trials, finishes with the summary and reads back failures with their trajectories", () => {
    const db = openDb(":memory:");
    const run = createRun({ db, spec: RoundSpec.parse({ backend: "builtin", dataset: { kind: "domain", domainSlug: "clinic" } }) });
    const dataset = EvalSetup.parse({ ref: { kind: "domain", domainSlug: "clinic", validationRatio: 0.25 }, split: "validation" });
    const attached = createEval({ db, agent: "oracle", dataset, trials: 2, runId: run.id, label: "before", createdBy: "u@x" });
    const other = createEval({ db, agent: "hack", dataset, trials: 1 });
    expect(attached).toMatchObject({ status: "running", summary: null, runId: run.id, trials: 2 });
    expect(listEvals({ db }).map((e) => e.id)).toEqual([other.id, attached.id]);
    expect(listEvals({ db, runId: run.id }).map((e) => e.id)).toEqual([attached.id]);

    const results = [trial("10", 1, "error", "hi"), trial("9", 0, "pass"), trial("9", 1, "wrong_db", "still there?"), trial("10", 0, "pass")];
    for (const result of results) recordResult({ db, evalId: attached.id, result });
    const running = getEvalDetail({ db, id: attached.id });
    expect(running.results).toEqual({ recorded: 4, passed: 2, errors: 1 });
    expect(running.failures.map((f) => [f.case_id, f.trial, f.outcome, f.end_reason, f.error])).toEqual([
      ["9", 1, "wrong_db", "max_turns", null],
      ["10", 1, "error", "error", "agent crashed"],
    ]);
    expect(running.failures[0]).toMatchObject({ kind: "refuse", reward: 0, messages: [{ role: "system" }, { role: "user", content: "still there?" }] });

    const summary = summarize(results, { agent: "oracle", dataset: "clinic", k: 2 });
    const done = finishEval({ db, id: attached.id, summary });
    expect(done).toMatchObject({ status: "succeeded", finishedAt: expect.any(String), summary: { pass_at_1: 0.5, pass_hat_k: 0, failure_count: 2 } });
    expect(done.summary).not.toHaveProperty("failures");

    expect(restartEval({ db, id: attached.id })).toMatchObject({ status: "running", summary: null, finishedAt: null });
    expect(getEvalDetail({ db, id: attached.id }).results.recorded).toBe(0);
    expect(failEval({ db, id: other.id, error: "no provider" })).toMatchObject({ status: "failed", error: "no provider" });
    expect(() => getEval({ db, id: 999 })).toThrow(/Evaluation 999 not found/);
  });

  it("reads a stored trial's end from its trajectory", () => {
    expect(endReasonOf([{ role: "user", content: `bye ${STOP_MARKER}` }], null)).toBe("user_stop");
    expect(endReasonOf([{ role: "assistant", content: "x" }], null)).toBe("max_turns");
    expect(endReasonOf([], "boom")).toBe("error");
  });
});
