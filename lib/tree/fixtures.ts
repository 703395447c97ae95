import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "./schema";

/**
 * A small shared fixture: an order desk domain (3 tools with JSON-schema parameters and
 * outputs, a transfer tool, 2 tables, typed user facts) and a tree over it that uses every
 * node kind. Plain data, so unit tests, other helpers and e2e pages can all reuse it.
 * The tree is valid against the domain: validateTree(fixtureTree, fixtureDomain) is [].
 */
export const fixtureDomain: DomainSpec = {
  slug: "fixture-orders",
  name: "Fixture order desk",
  description: "A tiny shop: customers, orders, cancellations.",
  policy: "Only pending orders can be cancelled, after the customer confirms. Disputed charges go to a human.",
  userFacts: [
    { name: "order_id", type: "string", description: "The order id, e.g. O-1001" },
    { name: "reason", type: "string", description: 'Why they cancel: "no longer needed" or "ordered by mistake"' },
    { name: "disputes_charge", type: "boolean", description: "The customer disputes a charge" },
    { name: "quantity", type: "number", description: "How many items they mean" },
    { name: "item_names", type: "list", description: "Names of the items they mention" },
  ],
  db: {
    customers: {
      "C-1": { customer_id: "C-1", name: "Ana Silva", email: "ana@example.com", vip: true, balance: 25 },
      "C-2": { customer_id: "C-2", name: "Ben Okoro", email: "ben@example.com", vip: false, balance: 0 },
    },
    orders: {
      "O-1001": { order_id: "O-1001", customer_id: "C-1", status: "pending", total: 120.5, items: ["kettle", "mug"], address: { city: "Lisbon", zip: "1000-001" } },
      "O-1002": { order_id: "O-1002", customer_id: "C-1", status: "shipped", total: 40, items: ["lamp"], address: { city: "Porto", zip: "4000-001" } },
      "O-1003": { order_id: "O-1003", customer_id: "C-2", status: "delivered", total: 15.25, items: [], address: { city: "Faro", zip: "8000-001" } },
    },
  },
  tools: [
    {
      name: "get_order",
      description: "Look up an order by id.",
      parameters: {
        type: "object",
        properties: { order_id: { type: "string", description: "The order id" } },
        required: ["order_id"],
      },
      outputs: {
        type: "object",
        properties: {
          order_id: { type: "string" },
          customer_id: { type: "string" },
          status: { type: "string", description: "pending|shipped|delivered|cancelled" },
          total: { type: "number" },
          items: { type: "array", items: { type: "string" } },
        },
      },
      effect: { kind: "get", table: "orders", key: "args.order_id", notFound: "order not found" },
    },
    {
      name: "list_orders",
      description: "List a customer's orders.",
      parameters: {
        type: "object",
        properties: { customer_id: { type: "string", description: "The customer id" } },
        required: ["customer_id"],
      },
      outputs: {
        type: "object",
        properties: {
          orders: {
            type: "array",
            items: { type: "object", properties: { order_id: { type: "string" }, status: { type: "string" } } },
          },
        },
      },
      effect: { kind: "filter", table: "orders", where: "row.customer_id == args.customer_id", fields: ["order_id", "status"], as: "orders" },
    },
    {
      name: "cancel_order",
      description: "Cancel a pending order.",
      parameters: {
        type: "object",
        properties: {
          order_id: { type: "string", description: "The order id" },
          reason: { type: "string", enum: ["no longer needed", "ordered by mistake"] },
        },
        required: ["order_id", "reason"],
      },
      outputs: { type: "object", properties: { order_id: { type: "string" }, status: { type: "string" } } },
      effect: {
        kind: "write",
        reads: [{ name: "order", table: "orders", key: "args.order_id", notFound: "order not found" }],
        preconditions: [{ check: 'rec.order.status == "pending"', error: "only pending orders can be cancelled" }],
        steps: [{ op: "set", table: "orders", key: "args.order_id", field: "status", value: '"cancelled"' }],
        returns: '{"order_id": args.order_id, "status": "cancelled"}',
      },
    },
    {
      name: "transfer_to_human",
      description: "Hand the conversation to a human agent.",
      parameters: {
        type: "object",
        properties: { summary: { type: "string", description: "What the customer needs" } },
        required: ["summary"],
      },
      effect: { kind: "transfer" },
    },
  ],
};

/** "Cancel an order": 5 levels deep, 8 branches, every node kind. */
export const fixtureTree: TreeDoc = {
  version: 1,
  rootId: "root",
  nodes: {
    root: { id: "root", kind: "decision", label: "Customer asks to cancel an order", children: ["ask-order", "lookup"] },
    "ask-order": { id: "ask-order", kind: "clarify", label: "Order id unknown", guard: "!has(user.order_id)", missing: ["order_id"], children: [] },
    lookup: { id: "lookup", kind: "tool_call", label: "Look up the order", tool: "get_order", args: { order_id: "user.order_id" }, children: ["not-found", "dispute", "ask-reason", "confirm", "not-pending"] },
    "not-found": { id: "not-found", kind: "refuse", label: "Order not found", guard: "has(outputs.get_order.error)", reason: "There is no order with that id.", children: [] },
    dispute: { id: "dispute", kind: "transfer", label: "Customer disputes a charge", guard: "has(user.disputes_charge) && user.disputes_charge", reason: "Disputed charges go to a human agent.", children: [] },
    "ask-reason": { id: "ask-reason", kind: "clarify", label: "Cancellation reason unknown", guard: '!has(user.reason) && outputs.get_order.status == "pending"', missing: ["reason"], children: [] },
    confirm: { id: "confirm", kind: "confirm", label: "Order is pending: confirm the cancellation", guard: 'outputs.get_order.status == "pending"', children: ["cancel", "keep"] },
    cancel: { id: "cancel", kind: "tool_call", label: "Cancel the order", tool: "cancel_order", args: { order_id: "user.order_id", reason: "user.reason" }, saveAs: "cancellation", children: ["cancelled", "cancel-failed"] },
    cancelled: { id: "cancelled", kind: "execute", label: "Order cancelled", guard: "!has(outputs.cancellation.error)", children: [] },
    "cancel-failed": { id: "cancel-failed", kind: "abort", label: "Cancellation failed", reason: "The shop rejected the cancellation.", children: [] },
    keep: { id: "keep", kind: "abort", label: "Customer keeps the order", reason: "The customer declined the cancellation.", children: [] },
    "not-pending": { id: "not-pending", kind: "refuse", label: "Order already shipped or delivered", reason: "Only pending orders can be cancelled.", children: [] },
  },
};
