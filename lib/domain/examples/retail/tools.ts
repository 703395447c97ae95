import type { ToolSpec } from "@/lib/domain/schema";
import { params, roundToCents, str } from "../spec-helpers";

/** The order line being exchanged, and the price difference the customer pays (+) or gets back (−). */
const OLD_LINE = "rec.order.items.filter(it, it.item_id == args.item_id)[0]";
const PRICE_DIFF = roundToCents(`rec.variant.price - ${OLD_LINE}.price`);
const ORDER = "args.order_id";

const lookups: ToolSpec[] = [
  {
    name: "find_customer",
    description: "Find the customer account registered under an email address.",
    parameters: params({ email: str("The email address on the account, e.g. ava.moreno@example.com") }),
    outputs: { type: "object", description: "{customers: [...]}: the matching accounts (empty when none)" },
    effect: {
      kind: "filter",
      table: "customers",
      where: "row.email == args.email",
      fields: ["customer_id", "name", "email", "payment_methods"],
      as: "customers",
    },
  },
  {
    name: "get_order",
    description: "Get an order's status, items, payments, refunds, returns and exchanges.",
    parameters: params({ order_id: str("The order id, e.g. #W2001") }),
    outputs: { type: "object", description: "The order record" },
    effect: { kind: "get", table: "orders", key: ORDER, notFound: "order not found" },
  },
  {
    name: "list_customer_orders",
    description: "List a customer's orders with their status and date.",
    parameters: params({ customer_id: str("The customer id, e.g. cust_ava_moreno") }),
    outputs: { type: "object", description: "{orders: [{order_id, status, placed_on}]}" },
    effect: {
      kind: "filter",
      table: "orders",
      where: "row.customer_id == args.customer_id",
      fields: ["order_id", "status", "placed_on"],
      as: "orders",
    },
  },
  {
    name: "get_product_variants",
    description: "List every variant of a product with its options, price and stock.",
    parameters: params({ product_id: str("The product id, e.g. P-KETTLE") }),
    outputs: { type: "object", description: "{variants: [{item_id, options, price, stock}]}" },
    effect: { kind: "filter", table: "variants", where: "row.product_id == args.product_id", as: "variants" },
  },
];

const cancelOrder: ToolSpec = {
  name: "cancel_order",
  description:
    "Cancel a pending order. Gift-card payments go back to the gift card at once; card and PayPal payments get a refund entry.",
  parameters: params({ order_id: str("The order id"), reason: str("Why", { enum: ["no longer needed", "ordered by mistake"] }) }),
  outputs: { type: "object", description: "The updated order" },
  effect: {
    kind: "write",
    reads: [{ name: "order", table: "orders", key: ORDER, notFound: "order not found" }],
    preconditions: [{ check: 'rec.order.status == "pending"', error: "only pending orders can be cancelled" }],
    steps: [
      { op: "set", table: "orders", key: ORDER, field: "status", value: '"cancelled"' },
      { op: "set", table: "orders", key: ORDER, field: "cancel_reason", value: "args.reason" },
      {
        op: "forEach",
        over: "rec.order.payments",
        as: "p",
        steps: [
          {
            op: "if",
            cond: 'p.method == "gift_card"',
            steps: [
              {
                op: "set",
                table: "gift_cards",
                key: "p.payment_method_id",
                field: "balance",
                value: roundToCents("state.gift_cards[p.payment_method_id].balance + p.amount"),
              },
            ],
            else: [{ op: "append", table: "orders", key: ORDER, field: "refunds", value: "p" }],
          },
        ],
      },
    ],
    returns: `state.orders[${ORDER}]`,
  },
};

const returnItems: ToolSpec = {
  name: "return_items",
  description:
    "Request the return of some items of a delivered order. The items move to the order's return list; the refund goes to the given payment method once they arrive.",
  parameters: params({
    order_id: str("The order id"),
    item_ids: { type: "array", items: { type: "string" }, minItems: 1, description: "Item ids to return" },
    payment_method_id: str("Where the refund goes: a payment method used for this order"),
  }),
  outputs: { type: "object", description: "The updated order" },
  effect: {
    kind: "write",
    reads: [{ name: "order", table: "orders", key: ORDER, notFound: "order not found" }],
    preconditions: [
      { check: 'rec.order.status == "delivered"', error: "only delivered orders can be returned" },
      {
        check: "args.item_ids.all(i, rec.order.items.exists(it, it.item_id == i))",
        error: "some of the items are not in this order",
      },
      {
        check: "args.payment_method_id in rec.order.payments.map(p, p.payment_method_id)",
        error: "the refund must go to a payment method used for this order",
      },
    ],
    steps: [
      { op: "set", table: "orders", key: ORDER, field: "status", value: '"return requested"' },
      { op: "set", table: "orders", key: ORDER, field: "return_payment_method_id", value: "args.payment_method_id" },
      { op: "set", table: "orders", key: ORDER, field: "return_refund_amount", value: "0.0" },
      {
        op: "forEach",
        over: "rec.order.items.filter(it, it.item_id in args.item_ids)",
        as: "line",
        steps: [
          { op: "remove", table: "orders", key: ORDER, field: "items", value: "line" },
          { op: "append", table: "orders", key: ORDER, field: "returns", value: "line" },
          { op: "increment", table: "orders", key: ORDER, field: "return_refund_amount", by: "line.price" },
        ],
      },
      {
        op: "set",
        table: "orders",
        key: ORDER,
        field: "return_refund_amount",
        value: roundToCents(`state.orders[${ORDER}].return_refund_amount`),
      },
    ],
    returns: `state.orders[${ORDER}]`,
  },
};

const exchangeItem: ToolSpec = {
  name: "exchange_item",
  description:
    "Exchange one item of a delivered order for another variant of the same product. The price difference is charged to (or refunded to) the given payment method; a gift card must cover it.",
  parameters: params({
    order_id: str("The order id"),
    item_id: str("The item id to give back"),
    new_item_id: str("The variant wanted instead"),
    payment_method_id: str("The customer's payment method for the price difference"),
  }),
  outputs: { type: "object", description: "The updated order" },
  effect: {
    kind: "write",
    reads: [
      { name: "order", table: "orders", key: ORDER, notFound: "order not found" },
      { name: "variant", table: "variants", key: "args.new_item_id", notFound: "new item not found" },
    ],
    preconditions: [
      { check: 'rec.order.status == "delivered"', error: "only delivered orders can be exchanged" },
      { check: "rec.order.items.exists(it, it.item_id == args.item_id)", error: "the item is not in this order" },
      { check: "args.new_item_id != args.item_id", error: "the new item is the same as the old one" },
      { check: `rec.variant.product_id == ${OLD_LINE}.product_id`, error: "an item can only be exchanged for the same product" },
      { check: "rec.variant.stock > 0", error: "the new item is out of stock" },
      {
        check: "args.payment_method_id in state.customers[rec.order.customer_id].payment_methods",
        error: "the payment method does not belong to the customer",
      },
      {
        check: `!(args.payment_method_id in state.gift_cards) || state.gift_cards[args.payment_method_id].balance >= ${PRICE_DIFF}`,
        error: "the gift card balance does not cover the price difference",
      },
    ],
    steps: [
      { op: "let", name: "diff", value: PRICE_DIFF },
      { op: "set", table: "orders", key: ORDER, field: "status", value: '"exchange requested"' },
      {
        op: "append",
        table: "orders",
        key: ORDER,
        field: "exchanges",
        value: '{"item_id": args.item_id, "new_item_id": args.new_item_id, "price_difference": diff, "payment_method_id": args.payment_method_id}',
      },
      { op: "increment", table: "variants", key: "args.new_item_id", field: "stock", by: "-1.0" },
      {
        op: "if",
        cond: "args.payment_method_id in state.gift_cards",
        steps: [
          {
            op: "set",
            table: "gift_cards",
            key: "args.payment_method_id",
            field: "balance",
            value: roundToCents("state.gift_cards[args.payment_method_id].balance - diff"),
          },
        ],
        else: [
          {
            op: "if",
            cond: "diff > 0.0",
            steps: [{ op: "append", table: "orders", key: ORDER, field: "payments", value: payment("diff") }],
            else: [{ op: "if", cond: "diff < 0.0", steps: [{ op: "append", table: "orders", key: ORDER, field: "refunds", value: payment("-diff") }] }],
          },
        ],
      },
    ],
    returns: `state.orders[${ORDER}]`,
  },
};

function payment(amount: string): string {
  return `{"payment_method_id": args.payment_method_id, "method": state.customers[rec.order.customer_id].payment_methods[args.payment_method_id].method, "amount": ${amount}}`;
}

const transferToHuman: ToolSpec = {
  name: "transfer_to_human_agents",
  description: "Hand the conversation to a human agent, with a summary of the customer's issue.",
  parameters: params({ summary: str("What the customer needs and what has been done so far") }),
  effect: { kind: "transfer" },
};

export const retailTools: ToolSpec[] = [...lookups, cancelOrder, returnItems, exchangeItem, transferToHuman];
