import { describe, expect, it } from "vitest";
import type { Answer } from "../schema";
import { verifyAnswer } from "./answer";
import { mathEqual } from "./math";
import { finalAnswerText, lastBoxed } from "./normalize";

const math = (value: string): Answer => ({ kind: "math", value });
const num = (value: number, tolerance = 0): Answer => ({ kind: "number", value, tolerance });

describe("answer verifiers", () => {
  it("accepts equivalent forms", () => {
    expect(verifyAnswer(math("\\frac{3}{4}"), "0.75").correct).toBe(true);
    expect(verifyAnswer(num(0.75), "3/4").correct).toBe(true);
    expect(verifyAnswer(math("\\frac{1}{2}"), "1/2").correct).toBe(true);
    expect(verifyAnswer(math("\\dfrac12"), "\\frac{1}{2}").correct).toBe(true);
    expect(verifyAnswer(num(1000), "1e3").correct).toBe(true);
    expect(verifyAnswer(num(1000), "1,000").correct).toBe(true);
    expect(verifyAnswer(num(54.98, 0.01), "<answer>$54.98</answer>").correct).toBe(true);
    expect(verifyAnswer(math("3\\sqrt{2}"), "\\sqrt{18}").correct).toBe(true);
    expect(verifyAnswer(math("(x+1)^2"), "x^2+2x+1").correct).toBe(true);
    expect(verifyAnswer(math("10"), "10^\\circ").correct).toBe(true);
    expect(verifyAnswer({ kind: "set", value: ["#W2002", "#W2008"] }, "#W2008, #W2002").correct).toBe(true);
    expect(verifyAnswer({ kind: "set", value: ["paypal", "credit_card"] }, '["credit_card", "paypal"]').correct).toBe(true);
    expect(verifyAnswer({ kind: "list", value: [3, 0.5] }, "3 and 1/2").correct).toBe(true);
    expect(verifyAnswer({ kind: "exact", value: "#W2002" }, "The answer is `#W2002`.").correct).toBe(true);
  });

  it("rejects non-equivalent ones, with the reason", () => {
    expect(verifyAnswer(math("\\frac{3}{4}"), "0.7")).toMatchObject({ correct: false, reason: "0.7 is not equal to \\frac{3}{4}" });
    expect(verifyAnswer(num(1000), "1e4").correct).toBe(false);
    expect(verifyAnswer(num(54.98, 0.01), "54.90").correct).toBe(false);
    expect(verifyAnswer(math("(x+1)^2"), "x^2+1").correct).toBe(false);
    expect(verifyAnswer({ kind: "list", value: ["#W2002", "#W2008"] }, "#W2008, #W2002")).toMatchObject({ correct: false, reason: "value 1: expected #W2002, got #W2008" });
    expect(verifyAnswer({ kind: "set", value: ["a", "b"] }, "a, c").correct).toBe(false);
    expect(verifyAnswer({ kind: "set", value: ["a", "b"] }, "a, b, c").reason).toBe("expected 2 values, got 3: a, b, c");
    expect(verifyAnswer({ kind: "exact", value: "#W2002" }, "#W2003").correct).toBe(false);
    expect(verifyAnswer(num(3), "").reason).toBe("no answer given");
  });

  it("reads the final answer: the last <answer>, else the last \\boxed{}", () => {
    expect(lastBoxed("so \\boxed{\\frac{1}{2}} and \\boxed{\\sqrt{2}}.")).toBe("\\sqrt{2}");
    expect(finalAnswerText("think... <answer>1</answer> no wait <answer> 2 </answer>")).toBe("2");
    expect(finalAnswerText("The answer is $\\boxed{7}$")).toBe("7");
    expect(mathEqual("\\frac{1}{2", "1/2")).toBeNull();
  });
});
