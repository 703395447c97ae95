import { describe, expect, it } from "vitest";
import { isAsking, isConfirmationRequest, isOfferingMoreHelp, isRefusal, isTransferText } from "./intent";

describe("isRefusal", () => {
  it.each([
    "I'm sorry, but I can't cancel this order.",
    "Unfortunately I cannot do that: the order has shipped.",
    "I'm not able to process a return for this order.",
    "That is not allowed under our policy.",
    "I have to decline this request.",
    "This order can no longer be cancelled.",
    "Cancelling it would be against our policy.",
  ])("reads %j as a refusal", (text) => expect(isRefusal(text)).toBe(true));

  it.each([
    "I couldn't find an account with that email. Could you double-check it?",
    "I can't find that order; could you check the number?",
    "Your order has been cancelled.",
    "Could you tell me your order id?",
    "Here is what I will do: cancel order o1. Shall I go ahead? (yes/no)",
  ])("does not read %j as a refusal", (text) => expect(isRefusal(text)).toBe(false));
});

describe("isConfirmationRequest", () => {
  it.each([
    "Shall I go ahead? (yes/no)",
    "Do you want me to proceed? Please answer yes or no.",
    "I'll cancel order o1 for 'no longer needed'. Please confirm.",
    "Would you like me to cancel it now?",
  ])("reads %j as asking for a yes", (text) => expect(isConfirmationRequest(text)).toBe(true));

  it.each(["Please confirm your email address.", "Could you tell me your order id?", "Your order is cancelled."])(
    "does not read %j as asking for a yes",
    (text) => expect(isConfirmationRequest(text)).toBe(false),
  );
});

describe("transfer, asking and sign-off", () => {
  it("recognises a hand-off in words or by marker, not a mere mention of humans", () => {
    expect(isTransferText("I've transferred you to a human agent.")).toBe(true);
    expect(isTransferText("I've handed your case over to a human colleague.")).toBe(true);
    expect(isTransferText("Let me connect you with a specialist.")).toBe(true);
    expect(isTransferText("###TRANSFER###")).toBe(true);
    expect(isTransferText("A human reviewed your refund yesterday.")).toBe(false);
  });

  it("tells questions and requests from statements, and a sign-off from a question", () => {
    expect(isAsking("What is your order id?")).toBe(true);
    expect(isAsking("Please provide your email.")).toBe(true);
    expect(isAsking("Your order is cancelled.")).toBe(false);
    expect(isOfferingMoreHelp("Done. Is there anything else I can help you with?")).toBe(true);
    expect(isOfferingMoreHelp("Which order do you mean?")).toBe(false);
  });
});
