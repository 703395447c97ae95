import { describe, expect, it } from "vitest";
import { reviewPolicyFromEnv } from "./policy";

describe("reviewPolicyFromEnv", () => {
  it("defaults to one reviewer, unanimous, and reads both variables", () => {
    expect(reviewPolicyFromEnv({})).toEqual({ overlap: 1, rule: "unanimous" });
    expect(reviewPolicyFromEnv({ FLYWHEEL_REVIEW_OVERLAP: "3", FLYWHEEL_REVIEW_RULE: "majority" })).toEqual({ overlap: 3, rule: "majority" });
  });

  it("names the variables when a value is bad", () => {
    expect(() => reviewPolicyFromEnv({ FLYWHEEL_REVIEW_OVERLAP: "zero" })).toThrow(/FLYWHEEL_REVIEW_OVERLAP/);
    expect(() => reviewPolicyFromEnv({ FLYWHEEL_REVIEW_RULE: "loudest" })).toThrow(/FLYWHEEL_REVIEW_RULE/);
  });
});
