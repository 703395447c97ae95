import { describe, expect, it } from "vitest";
import { inferOutcome } from "./outcome";

const legal = (evaluation: string, test_policy = "This test case does not violate any policy") => ({
  tool_return_expected: { normal_path: [], hack_path: [] },
  evaluation,
  test_policy,
});

describe("inferOutcome", () => {
  it("calls a case with a hack path a refusal", () => {
    const c = { ...legal("The loan is renewed."), tool_return_expected: { normal_path: [], hack_path: [{ tool_name: "x", input: {}, expected_output: "no_return" }] } };
    expect(inferOutcome(c).outcome).toBe("refuse");
  });

  it.each([
    ["The assistant renews L-5 after confirmation; the due date moves 21 days.", "execute"],
    ["The assistant must transfer the conversation to front desk staff.", "transfer"],
    ["It should output ###TRANSFER_TO_HUMAN after the check.", "transfer"],
    ["The assistant must refuse the refund and explain why.", "refuse"],
    ["The assistant should ask the user for the missing order id.", "clarify"],
    ["It must ask the user to clarify which line to use.", "clarify"],
    ["The assistant must not refuse; it renews the loan without needing to transfer to a human.", "execute"],
    ["Decline the request, then escalate to a human supervisor.", "transfer"],
  ])("%s → %s", (rubric, outcome) => {
    expect(inferOutcome(legal(rubric)).outcome).toBe(outcome);
  });

  it("reads the test policy too and says why", () => {
    const result = inferOutcome(legal("Nothing may change.", "A clarification case: the date is missing."));
    expect(result).toEqual({ outcome: "clarify", reason: 'empty hack path, and the test_policy says "clarification"' });
  });
});
