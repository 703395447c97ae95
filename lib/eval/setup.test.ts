import { describe, expect, it } from "vitest";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { LlmConfig } from "@/lib/llm";
import { replies, startOpenAiDouble } from "@/lib/llm/testing/openai-double";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { synthesizeTree } from "@/lib/synth";
import { referenceAgent } from "./reference-agents";
import { runTrial } from "./run";
import { tasksOfSplit, userFactory } from "./setup";

const { cases } = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name });
const task = (i: number) => ({ id: `c${i}`, testCase: cases[i], domain: clinicDomain });

describe("tasksOfSplit", () => {
  it("picks a split and says what to choose when it is empty", () => {
    const data = { label: "clinic", train: [task(0), task(1)], validation: [] };
    expect(tasksOfSplit(data, "all").map((t) => t.id)).toEqual(["c0", "c1"]);
    expect(tasksOfSplit(data, "train")).toHaveLength(2);
    expect(() => tasksOfSplit(data, "validation")).toThrow("clinic has no validation cases: choose --split all (train 2, validation 0).");
  });
});

describe("userFactory", () => {
  it("scripted is the episode's default; llm needs the user role configured, then the model plays the user", async () => {
    expect(userFactory("scripted")).toBeUndefined();
    expect(() => userFactory("llm", { llmConfig: LlmConfig.parse({}) })).toThrow(/LLM user needs a provider/);
    const double = await startOpenAiDouble({ script: [replies.text("Hi, I want to cancel my appointment."), replies.text("No, that's all. ###STOP###")] });
    try {
      const user = userFactory("llm", { llmConfig: LlmConfig.parse({ baseUrl: double.url, defaultModel: "user-model", maxAttempts: 1 }) });
      const r = await runTrial(referenceAgent("oracle"), task(0), 0, { user, maxTurns: 6 });
      expect(r.error).toBeNull();
      expect(r.endReason).toBe("user_stop");
      expect(r.messages.filter((m) => m.role === "user").map((m) => m.content)).toEqual(["Hi, I want to cancel my appointment.", "No, that's all. ###STOP###"]);
      expect(double.chatRequests().map((req) => [req.body.model, req.body.seed])).toEqual([["user-model", 0], ["user-model", 0]]);
    } finally {
      await double.close();
    }
  });
});
