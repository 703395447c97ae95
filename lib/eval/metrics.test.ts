import { describe, expect, it } from "vitest";
import { classifyTrial, summarize, type TrialOutcome, type TrialResult } from "./metrics";

const trial = (caseId: string, kind: string, n: number, outcome: TrialOutcome): TrialResult => ({
  caseId, trial: n, kind, outcome, reward: outcome === "pass" ? 1 : 0, endReason: outcome === "error" ? "error" : "user_stop",
  agentTurns: 2, toolCalls: 1, messages: [{ role: "user", content: `${caseId}#${n}` }], error: outcome === "error" ? "boom" : null, observed: "",
});

describe("classifyTrial", () => {
  it("names the first failing component: forbidden, then db, then outcome", () => {
    expect(classifyTrial({ reward: 1, components: { db: 1, forbidden: 1, outcome: 1 } })).toBe("pass");
    expect(classifyTrial({ reward: 0, components: { db: 0, forbidden: 0, outcome: 0 } })).toBe("forbidden_change");
    expect(classifyTrial({ reward: 0, components: { db: 0, forbidden: 1, outcome: 0 } })).toBe("wrong_db");
    expect(classifyTrial({ reward: 0, components: { db: 1, forbidden: 1, outcome: 0 } })).toBe("missed_outcome");
  });
});

describe("summarize", () => {
  // a (refuse): ✓✓✓   b (execute): ✓✗✓   c (execute): ✗✗✗ — given out of order
  const results = [
    trial("b", "execute", 1, "wrong_db"),
    trial("a", "refuse", 2, "pass"),
    trial("c", "execute", 2, "missed_outcome"),
    trial("a", "refuse", 0, "pass"),
    trial("b", "execute", 0, "pass"),
    trial("c", "execute", 0, "error"),
    trial("a", "refuse", 1, "pass"),
    trial("c", "execute", 1, "forbidden_change"),
    trial("b", "execute", 2, "pass"),
  ];
  const s = summarize(results, { agent: "oracle", dataset: "clinic", k: 3 });

  it("computes pass@1 as the mean per-case rate and pass^k as the all-trials-succeed fraction (by hand)", () => {
    expect(s).toMatchObject({ agent: "oracle", dataset: "clinic", cases: 3, trials: 9, k: 3 });
    expect(s.pass_at_1).toBeCloseTo((1 + 2 / 3 + 0) / 3, 12); // 5/9
    expect(s.pass_hat_k).toBeCloseTo(1 / 3, 12);
    expect(s.mean_reward).toBeCloseTo(5 / 9, 12);
    // pass^2: a C(3,2)/C(3,2)=1, b C(2,2)/C(3,2)=1/3, c 0 → 4/9
    expect(s.pass_hat_curve.map((x) => +x.toFixed(6))).toEqual([+(5 / 9).toFixed(6), +(4 / 9).toFixed(6), +(1 / 3).toFixed(6)]);
  });

  it("breaks down by branch kind and by outcome", () => {
    expect(s.by_kind.refuse).toEqual({ cases: 1, trials: 3, pass_at_1: 1, pass_hat_k: 1, outcomes: { pass: 3 } });
    expect(s.by_kind.execute).toMatchObject({ cases: 2, trials: 6, pass_hat_k: 0, outcomes: { pass: 2, wrong_db: 1, error: 1, forbidden_change: 1, missed_outcome: 1 } });
    expect(s.by_kind.execute.pass_at_1).toBeCloseTo(1 / 3, 12);
    expect(Object.keys(s.by_outcome)).toEqual(["pass", "error", "forbidden_change", "wrong_db", "missed_outcome"]);
    expect(s.by_outcome.pass).toEqual({ trials: 5, share: 5 / 9 });
    expect(s.by_outcome.error).toEqual({ trials: 1, share: 1 / 9 });
    expect(s.by_case).toEqual([
      { case_id: "b", kind: "execute", trials: 3, successes: 2 },
      { case_id: "a", kind: "refuse", trials: 3, successes: 3 },
      { case_id: "c", kind: "execute", trials: 3, successes: 0 },
    ]);
  });

  it("lists every failed trial with its trajectory and error, grouped by case and ordered by trial", () => {
    expect(s.failures.map((f) => `${f.case_id}#${f.trial}:${f.outcome}`)).toEqual(["b#1:wrong_db", "c#0:error", "c#1:forbidden_change", "c#2:missed_outcome"]);
    expect(s.failures[1]).toMatchObject({ error: "boom", end_reason: "error", reward: 0, messages: [{ role: "user", content: "c#0" }] });
  });

  it("gives zeros, not NaN, for no trials; a case with fewer trials than j counts only when all succeeded", () => {
    const empty = summarize([], { agent: "x", dataset: "d", k: 2 });
    expect(empty).toMatchObject({ cases: 0, trials: 0, pass_at_1: 0, pass_hat_k: 0, mean_reward: 0, pass_hat_curve: [0, 0], failures: [] });
    const partial = summarize([trial("a", "execute", 0, "pass"), trial("b", "execute", 0, "wrong_db")], { agent: "x", dataset: "d", k: 2 });
    expect(partial.pass_hat_curve).toEqual([0.5, 0.5]);
  });
});
