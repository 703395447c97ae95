import { describe, expect, it } from "vitest";
import { importProblems } from "./import";

const lines = [
  JSON.stringify({ question: "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many clips did Natalia sell altogether?", answer: "Natalia sold 48/2 = 24 clips in May.\n#### 1,072" }),
  JSON.stringify({ problem: "What is $\\frac{1}{2} + \\frac{1}{4}$?", solution: "Add them: $\\boxed{\\dfrac{3}{4}}$." }),
  JSON.stringify({ problem: "Expand $(x+1)^2$.", solution: "We get \\boxed{x^2+2x+1}." }),
  JSON.stringify({ question: "Which planet is known as the Red Planet?", answer: "Mars" }),
  "",
  "{not json",
  JSON.stringify({ question: "What is 2+2?" }),
  JSON.stringify({ problem: "Compute 3*3.", solution: "It is nine." }),
  JSON.stringify({ question: "natalia SOLD clips to 48 of her friends in April and then she sold half as many clips in May   how many clips did natalia sell altogether", answer: "#### 72" }),
  JSON.stringify(["a", "list"]),
  JSON.stringify({ question: "Empty?", answer: "#### " }),
].join("\n");

describe("importProblems", () => {
  it("reads GSM8K, MATH and Tool-Star-like lines, normalises answers and picks a verifier per kind", () => {
    const report = importProblems(lines, { dataset: "mixed.jsonl" });
    expect(report.problems.map((p) => p.answer)).toEqual([
      { kind: "number", value: 1072, tolerance: 0 },
      { kind: "math", value: "\\frac{3}{4}" },
      { kind: "math", value: "x^2+2x+1" },
      { kind: "exact", value: "Mars" },
    ]);
    expect(report.byFormat).toEqual({ gsm8k: 1, math: 2, qa: 1 });
    expect(report.problems[0]).toMatchObject({ source: "import", domain: null, tools: [], origin: { dataset: "mixed.jsonl", line: 1 }, verdict: "verified" });
  });

  it("lists bad lines and duplicates with their reasons", () => {
    const report = importProblems(lines, { dataset: "mixed.jsonl" });
    expect(report.bad).toEqual([
      { line: 6, reason: expect.stringMatching(/^not valid JSON/) },
      { line: 7, reason: 'no "answer", "solution" or "gt_answer" field' },
      { line: 8, reason: "the MATH solution has no \\boxed{} answer" },
      { line: 10, reason: "not a JSON object" },
      { line: 11, reason: 'the GSM8K answer has nothing after "####"' },
    ]);
    expect(report.duplicates).toEqual([{ line: 9, reason: "the same question (after normalisation) is already there", of: report.problems[0].id }]);
    const again = importProblems(lines, { dataset: "again", existing: new Map(report.problems.map((p) => [p.statement.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim(), p.id])) });
    expect(again.problems).toEqual([]);
    expect(again.duplicates).toHaveLength(5);
  });
});
