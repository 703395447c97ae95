import { describe, expect, it } from "vitest";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import type { AnyEpisodeTask, EpisodeTask } from "@/lib/rollout";
import { synthesizeTree } from "@/lib/synth";
import { referenceAgent } from "./reference-agents";
import { runEval, type EvalAgent } from "./run";

const { cases } = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name });
const tasks: EpisodeTask[] = cases.map((testCase, i) => ({ id: `c${i}`, testCase, domain: clinicDomain }));

describe("runEval", () => {
  it("evaluates problems beside cases: the oracle passes them, the no-reads floor misses the answer", async () => {
    const problems = generateProblems(clinicDomain, { count: 3, seed: 9 }).problems;
    const mixed: AnyEpisodeTask[] = [tasks[0], ...problems.map((problem) => ({ id: problem.id, problem, domain: clinicDomain }))];
    const oracle = await runEval({ agent: referenceAgent("oracle"), tasks: mixed });
    expect(oracle).toMatchObject({ cases: 4, pass_at_1: 1, failures: [] });
    for (const p of problems) expect(oracle.by_kind).toHaveProperty([`problem:${p.answer.kind}`]);
    const floor = await runEval({ agent: referenceAgent("hack"), tasks: mixed.slice(1) });
    expect(floor.pass_at_1).toBe(0);
    expect(floor.failures.map((f) => [f.outcome, f.end_reason])).toEqual(problems.map(() => ["missed_outcome", "answered"]));
  }, 30_000);

  it("scores the oracle agent pass@1 = pass^k = 1 on every clinic case, over 2 trials with different wording", async () => {
    const seen: string[] = [];
    const s = await runEval({ agent: referenceAgent("oracle"), tasks, trials: 2, concurrency: 3, dataset: "clinic", onResult: (r) => void seen.push(`${r.caseId}#${r.trial}`) });
    expect(tasks.length).toBeGreaterThan(5);
    expect(s).toMatchObject({ agent: "oracle", dataset: "clinic", cases: tasks.length, trials: 2 * tasks.length, k: 2, pass_at_1: 1, pass_hat_k: 1, mean_reward: 1, failures: [] });
    expect(seen.sort()).toEqual(tasks.flatMap((t) => [`${t.id}#0`, `${t.id}#1`]).sort());
    const kinds = new Set(cases.map((c) => c.expected_outcome));
    expect(Object.keys(s.by_kind).sort()).toEqual([...kinds].sort());
    for (const k of Object.values(s.by_kind)) expect(k).toMatchObject({ pass_at_1: 1, pass_hat_k: 1 });
    expect(s.by_outcome).toEqual({ pass: { trials: 2 * tasks.length, share: 1 } });
  }, 30_000);

  it("scores the hack agent 0 on every case with a hack path, each failure kept with its trajectory", async () => {
    const hackable = tasks.filter((t) => t.testCase.tool_return_expected.hack_path.length);
    expect(hackable.length).toBeGreaterThan(2);
    const s = await runEval({ agent: referenceAgent("hack"), tasks: hackable });
    expect(s.pass_at_1).toBe(0);
    expect(s.failures).toHaveLength(hackable.length);
    for (const f of s.failures) {
      expect(["forbidden_change", "wrong_db", "missed_outcome"]).toContain(f.outcome);
      expect(f.messages.some((m) => m.role === "assistant")).toBe(true);
      expect(f.end_reason).toMatch(/user_stop|max_turns/);
    }
  }, 30_000);

  it("records an agent that throws (and one that answers nonsense) as failed trials with the error text, and goes on", async () => {
    let calls = 0;
    const flaky: EvalAgent = {
      name: "flaky",
      async act() {
        calls++;
        if (calls === 1) throw new Error("model server unreachable");
        return { role: "assistant", content: 42 } as never;
      },
    };
    const s = await runEval({ agent: flaky, tasks: tasks.slice(0, 2), concurrency: 1 });
    expect(s.cases).toBe(2);
    expect(s.failures.map((f) => [f.case_id, f.outcome, f.end_reason])).toEqual([["c0", "error", "error"], ["c1", "error", "error"]]);
    expect(s.failures[0].error).toBe("model server unreachable");
    expect(s.failures[1].error).toMatch(/malformed assistant message: content/);
    expect(s.failures[0].messages.map((m) => m.role)).toEqual(["system", "user"]); // the conversation up to the throw
    expect(s.by_outcome.error).toEqual({ trials: 2, share: 1 });
  });

  it("stops on abort instead of recording the stop as failures", async () => {
    const controller = new AbortController();
    const slow: EvalAgent = { name: "slow", act: () => (controller.abort(new Error("stop asked")), Promise.resolve({ role: "assistant", content: "hi" })) };
    await expect(runEval({ agent: slow, tasks: tasks.slice(0, 3), signal: controller.signal })).rejects.toThrow("stop asked");
  });

  it("refuses to run a reference agent outside the harness", async () => {
    await expect(referenceAgent("oracle").act([], [])).rejects.toThrow(/replays one case's trajectory/);
  });
});
