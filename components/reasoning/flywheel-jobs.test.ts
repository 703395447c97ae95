import { describe, expect, it } from "vitest";
import { flywheelJobTitle } from "./flywheel-jobs";

describe("flywheel job titles", () => {
  it("names each job from its input, as it was started", () => {
    expect(flywheelJobTitle({ id: 1, kind: "reasoning.generate", input: { domain: "retail-orders", count: 20 } })).toEqual({ title: "Generate 20 problems (retail-orders)", unit: "batches of up to 10 problems" });
    expect(flywheelJobTitle({ id: 2, kind: "reasoning.eval", input: { domain: "retail-orders", agent: "budget:3", evalId: 4 } }).title).toBe("Evaluate budget:3 (retail-orders)");
    expect(flywheelJobTitle({ id: 3, kind: "reasoning.harden", input: { domain: "clinic-appointments", evalId: 4 } }).title).toBe("Harden failures of evaluation #4 (clinic-appointments)");
  });
});
