import { describe, expect, it } from "vitest";
import { BUILTIN_PRESET, BUILTIN_PROBLEM_CONTEXT } from "@/lib/train/builtin/preset";
import { ProjectInput, withBackendDefaults } from "./schema";

describe("withBackendDefaults", () => {
  it("gives a built-in project the tested preset where its settings are silent, and keeps what they say", () => {
    const plain = ProjectInput.parse(withBackendDefaults({ name: "p", domains: ["d"], settings: { reasoning: { enabled: false } } }));
    expect(plain.settings.train).toMatchObject({ steps: 20, sftSteps: BUILTIN_PRESET.sftSteps, modelOptions: BUILTIN_PRESET.model.options, backendOptions: BUILTIN_PRESET.backendOptions, grpo: BUILTIN_PRESET.grpo });
    // the reasoning side is on by default: its rounds train on problems, whose reads need a longer context
    const withProblems = ProjectInput.parse(withBackendDefaults({ name: "p", domains: ["d"] }));
    expect(withProblems.settings.train.modelOptions).toEqual({ ...BUILTIN_PRESET.model.options, contextLength: BUILTIN_PROBLEM_CONTEXT });
    const own = ProjectInput.parse(withBackendDefaults({ name: "p", domains: ["d"], settings: { train: { sftSteps: 3, grpo: { n: 8 } } } }));
    expect(own.settings.train).toMatchObject({ sftSteps: 3, grpo: { ...BUILTIN_PRESET.grpo, n: 8 } });
  });

  it("leaves other backends to the generic defaults", () => {
    const trl = ProjectInput.parse(withBackendDefaults({ name: "p", domains: ["d"], backend: "trl" }));
    expect(trl.settings.train).toMatchObject({ sftSteps: 0, modelOptions: {}, grpo: {} });
  });
});
