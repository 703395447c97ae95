import { describe, expect, it } from "vitest";
import { factLabel, factWords, mentionedFacts, mentionsFact, stem } from "./fact-mention";

describe("fact mentions", () => {
  it("splits names into words, snake_case and camelCase alike", () => {
    expect(factWords("items_to_return")).toEqual(["items", "return"]);
    expect(factWords("refundMethodId")).toEqual(["refund", "method", "id"]);
    expect(factLabel("order_id")).toBe("order id");
  });

  it("stems plural and past forms to the same word", () => {
    expect(stem("items")).toBe(stem("item"));
    expect(stem("exchanges")).toBe(stem("exchange"));
    expect(stem("returned")).toBe(stem("return"));
  });

  it.each([
    ["What is your order id?", "order_id"],
    ["Could you give me the order number?", "order_id"],
    ["Which order do you mean?", "order_id"],
    ["Please share the order_id.", "order_id"],
    ["What's the e-mail on your account?", "customer_email"],
    ["Which items would you like to return?", "items_to_return"],
    ["Where should the refund go? Which method?", "refund_method_id"],
    ["Why do you want to cancel? What's the reason?", "reason"],
  ])("%j mentions %s", (text, name) => expect(mentionsFact(text, name)).toBe(true));

  it.each([
    ["What is your email?", "order_id"],
    ["Which items would you like to return?", "item_to_exchange"],
    ["What is your shipping address?", "customer_email"],
  ])("%j does not mention %s", (text, name) => expect(mentionsFact(text, name)).toBe(false));

  it("lists the mentioned facts in the order given, once each", () => {
    expect(mentionedFacts("Your order id and email, please.", ["customer_email", "order_id", "reason", "order_id"])).toEqual(["customer_email", "order_id"]);
  });
});

describe("fact labels and owner words", () => {
  it("keeps small words in the label, and needs only the thing, not its owner or a wish", () => {
    expect(factLabel("date_of_birth")).toBe("date of birth");
    expect(mentionsFact("And your date of birth?", "date_of_birth")).toBe(true);
    expect(mentionsFact("What's the email on file?", "patient_email")).toBe(true);
    expect(mentionsFact("Which of these slots would suit you?", "preferred_slot_id")).toBe(true);
    expect(mentionsFact("Which item would you like?", "new_item_id")).toBe(false);
  });
});
