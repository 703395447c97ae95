import { describe, expect, it } from "vitest";
import { policyLabel } from "./policy-label";

describe("policyLabel", () => {
  it("shortens a checkpoint folder to its last two parts and leaves other policies alone", () => {
    expect(policyLabel("builtin:/work/data/runs/e2e/1/checkpoints/step-4")).toBe("builtin:…/checkpoints/step-4");
    expect(policyLabel("trl:runs/3/step-2")).toBe("trl:…/3/step-2");
    expect(policyLabel("trl:step-2")).toBe("trl:step-2");
    expect(policyLabel("budget:2")).toBe("budget:2");
    expect(policyLabel("openai:qwen3-8b")).toBe("openai:qwen3-8b");
  });
});
