import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { customers, giftCards, orders } from "./retail/accounts";
import { cancelReturnTree } from "./retail/cancel-return-tree";
import { products, variants } from "./retail/catalog";
import { exchangeTree } from "./retail/exchange-tree";
import { retailPolicy } from "./retail/policy";
import { retailTools } from "./retail/tools";

/** "Retail orders": an online shop's customers, orders, catalogue and gift cards. */
export const retailDomain: DomainSpec = {
  slug: "retail-orders",
  name: "Retail orders",
  description:
    "An online shop: customers identified by email, orders from pending to delivered, products with variants and stock, gift cards. Agents cancel, return and exchange orders.",
  policy: retailPolicy,
  tools: retailTools,
  userFacts: [
    { name: "customer_email", type: "string", description: "The email on the customer's account" },
    { name: "order_id", type: "string", description: "The order id, e.g. #W2001" },
    { name: "request", type: "string", description: 'What the customer wants: "cancel", "return" or "exchange"' },
    { name: "reason", type: "string", description: 'Why they cancel: "no longer needed", "ordered by mistake" or something else' },
    { name: "items_to_return", type: "list", description: "Item ids of the order to return" },
    { name: "refund_method_id", type: "string", description: "Payment method id the return refund should go to" },
    { name: "item_to_exchange", type: "string", description: "Item id of the order to exchange" },
    { name: "new_item_id", type: "string", description: "The variant wanted instead" },
    { name: "payment_method_id", type: "string", description: "Payment method id for an exchange's price difference" },
    { name: "reports_fraud", type: "boolean", description: "The customer says the order was placed without their permission" },
  ],
  db: {
    customers,
    orders,
    products,
    variants,
    gift_cards: giftCards,
  },
};

export const retailTrees: { name: string; doc: TreeDoc }[] = [
  { name: "Cancel or return an order", doc: cancelReturnTree },
  { name: "Exchange a delivered item", doc: exchangeTree },
];
