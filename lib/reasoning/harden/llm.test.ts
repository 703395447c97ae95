import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLlmClient } from "@/lib/llm";
import { doubleConfig } from "@/lib/llm/testing/fixtures";
import { cannedReply, startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { studioHandler } from "@/lib/llm/testing/scenarios";
import { importProblems } from "../import";
import { solversFromSpecs } from "../solvers";
import { hardenFreeText } from "./llm";

let double: OpenAiDouble;
beforeAll(async () => {
  double = await startOpenAiDouble({ handler: studioHandler(cannedReply("free text")) });
});
afterAll(() => double.close());

// "Then N more are added." makes three numbers: the sloppy solver multiplies, the others add
const [short, long] = importProblems(
  [JSON.stringify({ question: "Ana has 5 apples.", answer: "5" }), JSON.stringify({ question: "Ana has 5 apples and buys 4 more.", answer: "9" })].join("\n"),
  { dataset: "t" },
).problems;

describe("hardenFreeText with three solver models behind OpenAI-compatible endpoints", () => {
  const setup = () => {
    const config = doubleConfig(double.url);
    return { writer: createLlmClient(config), solvers: solversFromSpecs(["solver-a", "solver-b", `solver-sloppy@${double.url}`], config) };
  };

  it("keeps a variant the solvers agree on, with the agreement recorded", async () => {
    const { writer, solvers } = setup();
    const v = await hardenFreeText(short, { writer, solvers, mutation: "self_instruct" });
    expect(v.statement).toMatch(/^Ana has 5 apples\. Then \d more are added\.$/);
    const added = Number(/Then (\d)/.exec(v.statement)![1]);
    expect(v).toMatchObject({ verdict: "verified", source: "agreement", answer: { kind: "number", value: 5 + added }, lineage: { parent: short.id, root: short.id, mutation: "self_instruct", round: 1 } });
    expect(v.agreement).toEqual({ solvers: [{ solver: "solver-a", answer: String(5 + added) }, { solver: "solver-b", answer: String(5 + added) }, { solver: `solver-sloppy@${double.url}`, answer: String(5 + added) }], agreeing: 3, required: 3 });
    const models = double.chatRequests().slice(-3).map((r) => r.body.model).sort();
    expect(models).toEqual(["solver-a", "solver-b", "solver-sloppy"]);
  });

  it("keeps or rejects a disagreement as configured, and a rejected variant keeps every answer", async () => {
    const { writer, solvers } = setup();
    const strict = await hardenFreeText(long, { writer, solvers, mutation: "persona", persona: "A night-shift nurse, always in a hurry." });
    expect(strict.statement).toMatch(/^Speaking as a night-shift nurse: Ana has 5 apples and buys 4 more\. Then \d more are added\.$/);
    expect(strict.verdict).toBe("rejected");
    expect(strict.reason).toMatch(/^solvers disagree \(2 of 3 agree, 3 required\): solver-a: \d+; solver-b: \d+; solver-sloppy@.*: \d+$/);
    expect(strict.agreement!.solvers.map((s) => s.answer)).toHaveLength(3);
    const lenient = await hardenFreeText(long, { writer, solvers, mutation: "persona", persona: "A night-shift nurse, always in a hurry.", required: 2 });
    expect(lenient).toMatchObject({ verdict: "verified", agreement: { agreeing: 2, required: 2 } });
    expect(lenient.answer.value).toBe(Number(strict.agreement!.solvers[0].answer));
  });

  it("a solver that fails is an answer of null with its error, not a silent drop", async () => {
    const { writer } = setup();
    const solvers = solversFromSpecs(["solver-a", "solver-b@http://127.0.0.1:1/v1"], doubleConfig(double.url, { maxAttempts: 1 }));
    const v = await hardenFreeText(short, { writer, solvers, mutation: "self_instruct" });
    expect(v.verdict).toBe("rejected");
    expect(v.agreement!.solvers[1]).toMatchObject({ solver: "solver-b@http://127.0.0.1:1/v1", answer: null, error: expect.any(String) });
  });
});
