import { describe, expect, it } from "vitest";
import { checkProblemPolicy, problemAgents } from "./policy-agents";
import { generateProblems } from "./generate/generate";
import { retailDomain } from "@/lib/domain/examples/retail";

describe("problem policies", () => {
  const [problem] = generateProblems(retailDomain, { count: 1, seed: 3 }).problems;

  it("takes reference solvers, OpenAI-compatible models and checkpoints, and says which forms exist", async () => {
    expect((await problemAgents("budget:2"))(problem, 0).name).toBe("budget:2");
    expect((await problemAgents("oracle"))(problem, 0).name).toBe("oracle");
    expect(() => checkProblemPolicy("nonsense")).toThrow(/Unknown agent "nonsense": use oracle, budget:<n>, openai:<model>, builtin:<checkpoint-dir> or trl:<checkpoint-dir>/);
    expect(() => checkProblemPolicy("builtin:/no/such/dir")).toThrow(/does not exist/);
    expect(() => checkProblemPolicy("openai:qwen3-8b")).toThrow(/needs an OpenAI-compatible provider/);
    const loaded: string[] = [];
    const agents = await problemAgents("builtin:.", { loadBuiltin: async (dir) => (loaded.push(dir), { name: `builtin:${dir}`, act: async () => ({ role: "assistant", content: "<answer>x</answer>" }) }) });
    expect([agents(problem, 0).name, agents(problem, 1).name]).toEqual(["builtin:.", "builtin:."]);
    expect(loaded).toEqual(["."]); // loaded once for every problem and trial
  });
});
