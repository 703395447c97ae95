import { orderLine } from "./catalog";

/**
 * Retail customers, gift cards and orders. "Today" is 2025-06-15 (the policy says so), which
 * puts orders delivered on or after 2025-05-16 inside the 30-day return window.
 */
const methodOf = (paymentMethodId: string) => paymentMethodId.replace(/_\d+$/, "");

function customer(id: string, name: string, email: string, zip: string, methods: string[]) {
  const payment_methods = Object.fromEntries(
    methods.map((m) => [m, { payment_method_id: m, method: methodOf(m), last_four: m.slice(-4) }]),
  );
  return [id, { customer_id: id, name, email, zip, payment_methods }] as const;
}

export const customers = Object.fromEntries([
  customer("cust_ava_moreno", "Ava Moreno", "ava.moreno@example.com", "94110", ["credit_card_4421", "gift_card_7781"]),
  customer("cust_liam_chen", "Liam Chen", "liam.chen@example.com", "10012", ["paypal_3310"]),
  customer("cust_sofia_rossi", "Sofia Rossi", "sofia.rossi@example.com", "60614", ["credit_card_9902", "gift_card_5520"]),
  customer("cust_noah_patel", "Noah Patel", "noah.patel@example.com", "73301", ["credit_card_1187"]),
  customer("cust_mia_johansson", "Mia Johansson", "mia.johansson@example.com", "98101", ["gift_card_3094", "paypal_6672"]),
  customer("cust_ethan_okafor", "Ethan Okafor", "ethan.okafor@example.com", "30303", ["credit_card_7735"]),
  customer("cust_zoe_dubois", "Zoe Dubois", "zoe.dubois@example.com", "02139", ["paypal_4408", "gift_card_6615"]),
  customer("cust_lucas_silva", "Lucas Silva", "lucas.silva@example.com", "85004", ["credit_card_2290"]),
]);

export const giftCards = Object.fromEntries(
  [
    ["gift_card_7781", "cust_ava_moreno", 42.5],
    ["gift_card_5520", "cust_sofia_rossi", 150.0],
    ["gift_card_3094", "cust_mia_johansson", 3.2],
    ["gift_card_6615", "cust_zoe_dubois", 0.0],
  ].map(([id, owner, balance]) => [id, { gift_card_id: id, customer_id: owner, balance }]),
);

type Status = "pending" | "processed" | "shipped" | "delivered" | "cancelled";

function order(
  id: string,
  customerId: string,
  status: Status,
  placedOn: string,
  deliveredOn: string | null,
  itemIds: string[],
  payments: [string, number][],
  extra: Record<string, unknown> = {},
) {
  return [
    id,
    {
      order_id: id,
      customer_id: customerId,
      status,
      placed_on: placedOn,
      delivered_on: deliveredOn,
      items: itemIds.map(orderLine),
      payments: payments.map(([m, amount]) => ({ payment_method_id: m, method: methodOf(m), amount })),
      refunds: [],
      returns: [],
      exchanges: [],
      ...extra,
    },
  ] as const;
}

const refunded = (m: string, amount: number, reason: string) => ({
  cancel_reason: reason,
  refunds: [{ payment_method_id: m, method: methodOf(m), amount }],
});

export const orders = Object.fromEntries([
  order("#W2001", "cust_ava_moreno", "pending", "2025-06-13", null, ["TEE-BLU-M", "LAMP-WHT"], [["credit_card_4421", 54.98]]),
  order("#W2002", "cust_ava_moreno", "delivered", "2025-05-28", "2025-06-02", ["HP-BLK"], [["gift_card_7781", 30.0], ["credit_card_4421", 99.99]]),
  order("#W2003", "cust_liam_chen", "pending", "2025-06-14", null, ["KET-STEEL"], [["paypal_3310", 49.99]]),
  order("#W2004", "cust_liam_chen", "shipped", "2025-06-09", null, ["SHOE-BLU-42"], [["paypal_3310", 99.95]]),
  order("#W2005", "cust_sofia_rossi", "pending", "2025-06-12", null, ["BAG-GRN-30", "TEE-RED-M"], [["gift_card_5520", 60.49], ["credit_card_9902", 50.0]]),
  order("#W2006", "cust_sofia_rossi", "delivered", "2025-04-14", "2025-04-20", ["LAMP-BLK"], [["credit_card_9902", 36.5]]),
  order("#W2007", "cust_noah_patel", "processed", "2025-06-11", null, ["HP-BLK-ANC"], [["credit_card_1187", 179.99]]),
  order("#W2008", "cust_noah_patel", "delivered", "2025-06-04", "2025-06-10", ["KET-GLASS", "TEE-BLU-M"], [["credit_card_1187", 74.03]]),
  order("#W2009", "cust_mia_johansson", "pending", "2025-06-14", null, ["LAMP-WHT"], [["gift_card_3094", 34.99]]),
  order("#W2010", "cust_mia_johansson", "cancelled", "2025-06-01", null, ["SHOE-BLU-43"], [["paypal_6672", 99.95]], refunded("paypal_6672", 99.95, "ordered by mistake")),
  order("#W2011", "cust_ethan_okafor", "delivered", "2025-05-24", "2025-05-30", ["SHOE-BLU-42", "BAG-GRN-30"], [["credit_card_7735", 188.95]]),
  order("#W2012", "cust_ethan_okafor", "shipped", "2025-06-10", null, ["TEE-RED-M"], [["credit_card_7735", 21.49]]),
  order("#W2013", "cust_zoe_dubois", "pending", "2025-06-15", null, ["HP-WHT"], [["paypal_4408", 134.5]]),
  order("#W2014", "cust_zoe_dubois", "delivered", "2025-04-25", "2025-05-01", ["BAG-GRN-45"], [["paypal_4408", 112.35]]),
  order("#W2015", "cust_zoe_dubois", "processed", "2025-06-13", null, ["KET-STEEL", "LAMP-BLK"], [["gift_card_6615", 86.49]]),
  order("#W2016", "cust_liam_chen", "cancelled", "2025-05-20", null, ["LAMP-BLK"], [["paypal_3310", 36.5]], refunded("paypal_3310", 36.5, "no longer needed")),
]);
