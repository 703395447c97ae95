import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retailDomain } from "@/lib/domain/examples/retail";
import { createLlmClient } from "@/lib/llm";
import { doubleConfig } from "@/lib/llm/testing/fixtures";
import { cannedReply, replies, startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { studioHandler } from "@/lib/llm/testing/scenarios";
import { programProblem } from "./problem";
import { mustKeep, rewriteStatement } from "./rewrite";

let double: OpenAiDouble;
beforeAll(async () => {
  double = await startOpenAiDouble({ handler: studioHandler(cannedReply("free text")) });
});
afterAll(() => double.close());

const built = programProblem(retailDomain, {
  queries: [{ anchor: { table: "customers", key: "cust_zoe_dubois" }, steps: [{ op: "children", table: "orders", fk: "customer_id" }, { op: "window", field: "placed_on", from: "2025-06-01", to: "2025-06-30" }, { op: "derive", name: "total", fn: "sum_of", of: "items", field: "price" }], result: { op: "argmax", field: "total", pick: "order_id" } }],
  db_patch: [],
});
if (!built.ok) throw new Error(built.reason);
const problem = built.problem;
const NURSE = "A night-shift nurse, always in a hurry.";

describe("rewriteStatement", () => {
  it("keeps the anchor's facts, the compared values and the answer's field", () => {
    expect(mustKeep(problem, retailDomain)).toEqual(["zoe.dubois@example.com", "2025-06-01", "2025-06-30", "order_id"]);
  });

  it("retells the question in the persona's voice when every value survives", async () => {
    const out = await rewriteStatement(createLlmClient(doubleConfig(double.url)), problem, retailDomain, NURSE);
    if (!out.ok) throw new Error(out.reason);
    expect(out.problem.statement).toMatch(/^I'm a night-shift nurse, and I need this for my records\. Consider the orders of the customer with email zoe\.dubois@example\.com/);
    expect(out.problem.answer).toEqual(problem.answer);
    expect(out.rounds).toBe(1);
  });

  it("gets one repair round, then rejects a rewrite that changes the question", async () => {
    double.setHandler(() => replies.json({ statement: "Which of my June orders cost most?" }));
    double.enqueue(replies.json({ statement: "Which order cost most?" }));
    const out = await rewriteStatement(createLlmClient(doubleConfig(double.url)), problem, retailDomain, NURSE);
    expect(out).toEqual({ ok: false, reason: 'the rewrite drops "zoe.dubois@example.com", "2025-06-01", "2025-06-30", "order_id", so it no longer asks the same question' });
    expect(String(double.chatRequests().at(-1)!.body.messages.at(-1).content)).toMatch(/^Your rewrite dropped "zoe.dubois@example.com"/);
    double.setHandler(studioHandler(cannedReply("free text")));
  });
});
