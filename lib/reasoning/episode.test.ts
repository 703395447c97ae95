import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import type { Agent } from "@/lib/rollout/agent";
import { oracleAgent } from "./agents";
import { runProblem } from "./episode";
import { generateProblems } from "./generate/generate";
import { importProblems } from "./import";

const problems = generateProblems(clinicDomain, { count: 6, seed: 5 }).problems;

describe("runProblem", () => {
  it("the oracle reaches every answer through the read tools: reward 1", async () => {
    for (const p of problems) {
      const run = await runProblem(oracleAgent(p), p, { domain: clinicDomain });
      expect(run).toMatchObject({ reward: 1, endReason: "answered", toolCalls: p.plan.length });
      expect(run.messages.filter((m) => m.role === "tool").every((m) => !m.content.includes('"error"'))).toBe(true);
    }
  });

  it("a wrong or missing answer scores 0, with the verifier's reason", async () => {
    const p = problems[0];
    const run = await runProblem(oracleAgent(p, 0), p, { domain: clinicDomain });
    expect(run).toMatchObject({ reward: 0, toolCalls: 0, verdict: { given: "unknown" } });
    const looping: Agent = { name: "loop", act: async () => ({ role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "cancel_appointment", arguments: "{}" } }] }) };
    const cut = await runProblem(looping, p, { domain: clinicDomain, maxTurns: 2 });
    expect(cut).toMatchObject({ reward: 0, endReason: "max_turns" });
    expect(cut.messages[3]).toMatchObject({ role: "tool", content: expect.stringMatching(/unknown tool cancel_appointment/) });
  });

  it("a free-text problem needs no domain", async () => {
    const [p] = importProblems(JSON.stringify({ question: "What is 1/2 + 1/4?", answer: "\\frac{3}{4}" }), { dataset: "t" }).problems;
    const agent: Agent = { name: "a", act: async () => ({ role: "assistant", content: "1/2 + 1/4 = <answer>0.75</answer>" }) };
    expect((await runProblem(agent, p)).reward).toBe(1);
  });
});
