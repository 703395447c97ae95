import type { DomainSpec, ToolSpec } from "@/lib/domain/schema";

/**
 * A small retail domain shared by the lib/env tests: orders paid by gift card and card,
 * where cancelling refunds each payment to its own method.
 */
const str = (description = "") => ({ type: "string", description });

export const getOrder: ToolSpec = {
  name: "get_order",
  description: "Look up an order.",
  parameters: { type: "object", properties: { order_id: str("Order id") }, required: ["order_id"] },
  outputs: {
    type: "object",
    properties: { id: str(), customer_id: str(), status: str(), total: { type: "number" }, payments: { type: "array" } },
    required: ["id", "status"],
  },
  effect: { kind: "get", table: "orders", key: "args.order_id", fields: ["id", "customer_id", "status", "total", "payments"], notFound: "Order not found" },
};

export const listOrders: ToolSpec = {
  name: "list_orders",
  description: "List a customer's orders.",
  parameters: { type: "object", properties: { customer_id: str() }, required: ["customer_id"] },
  outputs: {
    type: "object",
    properties: { orders: { type: "array", items: { type: "object", properties: { id: str(), status: str() } } } },
  },
  effect: { kind: "filter", table: "orders", where: "row.customer_id == args.customer_id", fields: ["id", "status"], as: "orders" },
};

export const cancelOrder: ToolSpec = {
  name: "cancel_order",
  description: "Cancel a pending order and refund every payment to its own method.",
  parameters: {
    type: "object",
    properties: { order_id: str(), reason: { type: "string", enum: ["no longer needed", "ordered by mistake"] } },
    required: ["order_id", "reason"],
  },
  outputs: { type: "object", properties: { order_id: str(), status: str() }, required: ["order_id", "status"] },
  effect: {
    kind: "write",
    reads: [{ name: "order", table: "orders", key: "args.order_id", notFound: "Order not found" }],
    preconditions: [{ check: "rec.order.status == 'pending'", error: "Only pending orders can be cancelled" }],
    steps: [
      { op: "set", table: "orders", key: "args.order_id", field: "status", value: "'cancelled'" },
      { op: "set", table: "orders", key: "args.order_id", field: "cancel_reason", value: "args.reason" },
      {
        op: "forEach",
        over: "rec.order.payments",
        as: "p",
        steps: [
          {
            op: "if",
            cond: "state.payment_methods[p.method_id].kind == 'gift_card'",
            steps: [{ op: "increment", table: "payment_methods", key: "p.method_id", field: "balance", by: "p.amount" }],
            else: [
              { op: "append", table: "payment_methods", key: "p.method_id", field: "refunds", value: "{'order_id': args.order_id, 'amount': p.amount}" },
            ],
          },
        ],
      },
    ],
    returns: "{'order_id': args.order_id, 'status': state.orders[args.order_id].status}",
  },
};

export const transferToHuman: ToolSpec = {
  name: "transfer_to_human",
  description: "Hand the conversation to a human agent.",
  parameters: { type: "object", properties: { summary: str("Why") }, required: ["summary"] },
  effect: { kind: "transfer" },
};

export function retailDomain(): Pick<DomainSpec, "tools" | "db"> {
  return {
    tools: [getOrder, listOrders, cancelOrder, transferToHuman],
    db: {
      customers: {
        c1: { id: "c1", name: "Ada", address: { city: "Paris", zip: "75001" } },
        c2: { id: "c2", name: "Bo" },
      },
      products: { p1: { id: "p1", name: "Lamp", price: 30 } },
      payment_methods: {
        gc_1: { id: "gc_1", kind: "gift_card", balance: 5 },
        card_1: { id: "card_1", kind: "card", last4: "4242", refunds: [] },
      },
      orders: {
        o1: {
          id: "o1",
          customer_id: "c1",
          status: "pending",
          total: 30,
          items: ["p1"],
          payments: [
            { method_id: "gc_1", amount: 10.1 },
            { method_id: "card_1", amount: 19.9 },
          ],
        },
        o2: { id: "o2", customer_id: "c1", status: "delivered", total: 30, items: ["p1"], payments: [{ method_id: "card_1", amount: 30 }] },
        o3: { id: "o3", customer_id: "c2", status: "pending", total: 1500, items: ["p1"], payments: [{ method_id: "card_1", amount: 1500 }] },
      },
    },
  };
}
