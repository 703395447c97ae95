import { beforeEach, describe, expect, it } from "vitest";
import { Environment } from "@/lib/env";
import { retailDomain } from "./retail";

/** Each retail tool on the seed database: reads return records, writes change what they should, refusals change nothing. */
let env: Environment;
beforeEach(() => {
  env = new Environment(retailDomain);
});

const call = (name: string, args: Record<string, unknown>) => env.step({ name, arguments: args });
const order = (id: string) => env.state().orders[id] as Record<string, any>;
const giftBalance = (id: string) => env.state().gift_cards[id].balance;
const stock = (id: string) => env.state().variants[id].stock;

function expectRefused(name: string, args: Record<string, unknown>, error: string) {
  const before = env.hash();
  const result = call(name, args);
  expect(result).toEqual({ ok: false, error });
  expect(env.hash()).toBe(before);
}

describe("retail lookups", () => {
  it("find_customer matches the email exactly", () => {
    const found = call("find_customer", { email: "ava.moreno@example.com" });
    expect(found.ok && (found.output as any).customers.map((c: any) => c.customer_id)).toEqual(["cust_ava_moreno"]);
    expect(call("find_customer", { email: "nobody@example.com" })).toEqual({ ok: true, output: { customers: [] } });
  });

  it("get_order returns the record or 'order not found'", () => {
    const got = call("get_order", { order_id: "#W2005" });
    expect(got.ok && (got.output as any).payments).toHaveLength(2);
    expect(call("get_order", { order_id: "#W9999" })).toEqual({ ok: false, error: "order not found" });
  });

  it("list_customer_orders and get_product_variants filter by id", () => {
    const listed = call("list_customer_orders", { customer_id: "cust_zoe_dubois" });
    expect(listed.ok && (listed.output as any).orders.map((o: any) => o.status)).toEqual(["pending", "delivered", "processed"]);
    const variants = call("get_product_variants", { product_id: "P-KETTLE" });
    expect(variants.ok && (variants.output as any).variants.map((v: any) => v.item_id)).toEqual(["KET-GLASS", "KET-STEEL"]);
  });
});

describe("cancel_order", () => {
  it("refunds a gift card to its balance and a card with a refund entry", () => {
    const result = call("cancel_order", { order_id: "#W2005", reason: "no longer needed" });
    expect(result.ok).toBe(true);
    expect(order("#W2005").status).toBe("cancelled");
    expect(order("#W2005").cancel_reason).toBe("no longer needed");
    expect(giftBalance("gift_card_5520")).toBe(210.49);
    expect(order("#W2005").refunds).toEqual([{ payment_method_id: "credit_card_9902", method: "credit_card", amount: 50 }]);
  });

  it("refuses orders that are not pending and reasons the policy does not list", () => {
    expectRefused("cancel_order", { order_id: "#W2004", reason: "ordered by mistake" }, "only pending orders can be cancelled");
    expectRefused("cancel_order", { order_id: "#W9999", reason: "ordered by mistake" }, "order not found");
    const bad = call("cancel_order", { order_id: "#W2001", reason: "found it cheaper" });
    expect(bad.ok).toBe(false);
    expect(order("#W2001").status).toBe("pending");
  });
});

describe("return_items", () => {
  it("moves the returned lines to the return list and totals the refund", () => {
    expect(call("return_items", { order_id: "#W2011", item_ids: ["BAG-GRN-30"], payment_method_id: "credit_card_7735" }).ok).toBe(true);
    const o = order("#W2011");
    expect(o.status).toBe("return requested");
    expect(o.items.map((i: any) => i.item_id)).toEqual(["SHOE-BLU-42"]);
    expect(o.returns.map((i: any) => i.item_id)).toEqual(["BAG-GRN-30"]);
    expect(o.return_refund_amount).toBe(89);
  });

  it("sums several lines to the cent", () => {
    call("return_items", { order_id: "#W2008", item_ids: ["KET-GLASS", "TEE-BLU-M"], payment_method_id: "credit_card_1187" });
    expect(order("#W2008").return_refund_amount).toBe(74.03);
    expect(order("#W2008").items).toEqual([]);
  });

  it("refuses undelivered orders, foreign items and foreign refund methods", () => {
    expectRefused("return_items", { order_id: "#W2001", item_ids: ["LAMP-WHT"], payment_method_id: "credit_card_4421" }, "only delivered orders can be returned");
    expectRefused("return_items", { order_id: "#W2011", item_ids: ["LAMP-WHT"], payment_method_id: "credit_card_7735" }, "some of the items are not in this order");
    expectRefused("return_items", { order_id: "#W2002", item_ids: ["HP-BLK"], payment_method_id: "paypal_3310" }, "the refund must go to a payment method used for this order");
  });
});

describe("exchange_item", () => {
  it("refunds a cheaper variant to the card, rounded to the cent", () => {
    expect(call("exchange_item", { order_id: "#W2008", item_id: "KET-GLASS", new_item_id: "KET-STEEL", payment_method_id: "credit_card_1187" }).ok).toBe(true);
    const o = order("#W2008");
    expect(o.status).toBe("exchange requested");
    expect(o.exchanges).toEqual([{ item_id: "KET-GLASS", new_item_id: "KET-STEEL", price_difference: -4.05, payment_method_id: "credit_card_1187" }]);
    expect(o.refunds).toEqual([{ payment_method_id: "credit_card_1187", method: "credit_card", amount: 4.05 }]);
    expect(stock("KET-STEEL")).toBe(7);
  });

  it("charges a dearer variant to the card and credits a cheaper one to a gift card", () => {
    call("exchange_item", { order_id: "#W2002", item_id: "HP-BLK", new_item_id: "HP-BLK-ANC", payment_method_id: "credit_card_4421" });
    expect(order("#W2002").payments.at(-1)).toEqual({ payment_method_id: "credit_card_4421", method: "credit_card", amount: 50 });
    call("exchange_item", { order_id: "#W2006", item_id: "LAMP-BLK", new_item_id: "LAMP-WHT", payment_method_id: "gift_card_5520" });
    expect(giftBalance("gift_card_5520")).toBe(151.51);
  });

  it("refuses a short gift card, another product, an empty stock and a foreign payment method", () => {
    const exchange = (o: string, from: string, to: string, pm: string) => ({ order_id: o, item_id: from, new_item_id: to, payment_method_id: pm });
    expectRefused("exchange_item", exchange("#W2002", "HP-BLK", "HP-BLK-ANC", "gift_card_7781"), "the gift card balance does not cover the price difference");
    expectRefused("exchange_item", exchange("#W2011", "SHOE-BLU-42", "LAMP-WHT", "credit_card_7735"), "an item can only be exchanged for the same product");
    expectRefused("exchange_item", exchange("#W2011", "BAG-GRN-30", "BAG-GRY-30", "credit_card_7735"), "the new item is out of stock");
    expectRefused("exchange_item", exchange("#W2008", "KET-GLASS", "KET-STEEL", "paypal_3310"), "the payment method does not belong to the customer");
    expectRefused("exchange_item", exchange("#W2003", "KET-STEEL", "KET-GLASS", "paypal_3310"), "only delivered orders can be exchanged");
  });
});

it("transfer_to_human_agents hands over without touching the database", () => {
  const before = env.hash();
  expect(call("transfer_to_human_agents", { summary: "customer disputes order #W2001" })).toEqual({ ok: true, output: { transferred: true } });
  expect(env.hash()).toBe(before);
});
