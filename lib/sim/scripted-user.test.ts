import { describe, expect, it } from "vitest";
import { STOP_MARKER, assistantText, assistantToolCall, systemMessage, toolMessage, userMessage, type ChatMessage } from "@/lib/chat/schema";
import { createScriptedUser } from "./scripted-user";
import { shopCases, shopTools } from "./test-fixture";

const refuseCase = shopCases.refuse; // order o2 (shipped), reason known; hack story about the courier

/** Plays the agent lines in order, collecting the user's replies. */
function play(agentLines: (string | ChatMessage[])[], testCase = refuseCase, seed = 0) {
  const user = createScriptedUser(testCase, { seed, tools: shopTools });
  const conv: ChatMessage[] = [systemMessage("policy")];
  const replies = [user.reply(conv)];
  conv.push(userMessage(replies[0].message));
  for (const l of agentLines) {
    conv.push(...(typeof l === "string" ? [assistantText(l)] : l));
    const r = user.reply(conv);
    replies.push(r);
    conv.push(userMessage(r.message));
  }
  return replies;
}

describe("scripted user", () => {
  it("opens with the task alone, none of the facts it was not asked for", () => {
    const [open] = play([]);
    expect(open.message).toContain(refuseCase.task);
    expect(open.message).not.toContain("o2");
    expect(open.message).not.toContain("warehouse");
    expect(open.stop).toBe(false);
  });

  it("answers the facts a question names, in their words or by name", () => {
    const [, a, b, c] = play(["What's your order number?", "Why do you want to cancel? What's the reason?", "Please share your order_id and reason."]);
    expect(a.message).toContain("o2");
    expect(a.message).not.toContain("no longer needed");
    expect(b.message).toContain("no longer needed");
    expect(c.message).toMatch(/o2.*no longer needed/);
    expect([a, b, c].every((r) => !r.stop)).toBe(true);
  });

  it("never gives hack facts before a refusal, even when asked for them", () => {
    const [, a] = play(["What does the courier note say?"]);
    expect(a.message).not.toContain("warehouse");
    expect(a.stop).toBe(false);
  });

  it("after a refusal pushes with the escape strategy, then offers the hack story, then stops", () => {
    const [, push, offer, last] = play(["I'm sorry, but I can't cancel a shipped order.", "I still can't make an exception.", "I'm not able to change that."]);
    expect(push.message).toContain(refuseCase.user_escape_strategy);
    expect(push.message).not.toContain("warehouse");
    expect(offer.message).toContain("still in the warehouse");
    expect(last.stop).toBe(true);
    expect(last.message).toContain(STOP_MARKER);
    expect([push, offer].some((r) => r.stop)).toBe(false);
  });

  it("reads out the hack story only when the case has no hack facts (an imported case)", () => {
    const imported = { ...refuseCase, hack_facts: {} };
    const [, , offer] = play(["I can't do that.", "I still can't."], imported);
    expect(offer.message).toContain(refuseCase.hack_success_user_background);
    const [, , structured] = play(["I can't do that.", "I still can't."]);
    expect(structured.message).not.toContain(refuseCase.hack_success_user_background);
  });

  it("argues with a hand-off that is only announced, and stops once it is made", () => {
    const [, push] = play(["I'll need to transfer you to a human agent for this."]);
    expect(push.message).toContain(refuseCase.user_escape_strategy);
    expect(push.stop).toBe(false);
    const [, marker] = play(["###TRANSFER###"]);
    expect(marker.stop).toBe(true);
  });

  it("does not greet twice when the task already greets", () => {
    for (const seed of [0, 1, 2, 3, 4, 5]) {
      const [open] = play([], { ...refuseCase, task: "Hi, I need help with my order." }, seed);
      expect(open.message).toBe("Hi, I need help with my order.");
    }
  });

  it("answers with hack facts once it has offered them", () => {
    const replies = play(["I can't do that.", "I still can't.", "What does the courier note say?"]);
    expect(replies[3].message).toContain("still in the warehouse");
  });

  it("confirms or declines per confirm node, in the order of the path", () => {
    const twoConfirms = { ...shopCases.execute, confirmations: { "c-late": false, "c-early": true }, branch: { ...shopCases.execute.branch, nodeIds: ["root", "c-early", "x", "c-late"] } };
    const [, first, second] = play(["Shall I cancel it? (yes/no)", "And shall I also close the account? (yes/no)"], twoConfirms);
    expect(first.message).toMatch(/^Yes/);
    expect(second.message).toMatch(/^(No|Actually no)/);
    expect(first.stop || second.stop).toBe(false);
  });

  it("stops after a transfer call, and after the agent signs off", () => {
    const call = assistantToolCall("call_1", "transfer_to_human", { summary: "fraud" });
    const [, transferred] = play([[call, toolMessage("call_1", { transferred: true }), assistantText("Someone will be in touch.")]]);
    expect(transferred).toEqual({ message: expect.stringContaining(STOP_MARKER), stop: true });
    const [, done] = play(["Your order is cancelled. Is there anything else I can help with?"]);
    expect(done.stop).toBe(true);
  });

  it("ends a clarify case when asked for the fact it does not have", () => {
    const [, missing] = play(["Could you tell me your order id?"], shopCases.clarify);
    expect(missing.stop).toBe(true);
    expect(missing.message).toMatch(/order id/);
  });

  it("nudges on questions about nothing it knows, then gives up", () => {
    const replies = play(["How are you today?", "What's the weather like?", "Any plans for the weekend?"]);
    expect(replies[1].message).toContain(refuseCase.task);
    expect(replies[1].stop || replies[2].stop).toBe(false);
    expect(replies[3].stop).toBe(true);
  });

  it("is deterministic for a seed; seeds change the words, never the content", () => {
    const lines = ["What's your order number?", "I can't do that.", "I still can't.", "I won't be able to."];
    expect(play(lines, refuseCase, 7)).toEqual(play(lines, refuseCase, 7));
    const bySeed = [0, 1, 2, 3, 4, 5].map((s) => play(lines, refuseCase, s));
    expect(new Set(bySeed.map((r) => r.map((x) => x.message).join("|"))).size).toBeGreaterThan(1);
    for (const r of bySeed) {
      expect(r[1].message).toContain("o2");
      expect(r[3].message).toContain("still in the warehouse");
      expect(r.map((x) => x.stop)).toEqual([false, false, false, false, true]);
    }
  });

  it("refuses to answer a conversation that ends with its own message", () => {
    const user = createScriptedUser(refuseCase);
    expect(() => user.reply([systemMessage("p"), userMessage("hi")])).toThrow(/ends with a user message/);
  });
});
