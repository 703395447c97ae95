import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc, TreeNode } from "@/lib/tree/schema";

/**
 * A small shop shared by the lib/synth tests. Its tree has one branch of every outcome, a refusal
 * the tool does not enforce (orders over 1000: the hack goes through), a refusal the tool does
 * enforce (not pending: the hack is blocked), and a branch the seed data cannot reach without a
 * record edit (no order is over 1000).
 */
export function shopDomain(): DomainSpec {
  const str = { type: "string" };
  return {
    slug: "shop",
    name: "Shop",
    description: "",
    policy: "",
    userFacts: [
      { name: "order_id", type: "string", description: "The order id, e.g. o1" },
      { name: "disputed", type: "boolean", description: "The customer disputes the charge" },
      { name: "reason", type: "string", description: 'Why: "mistake" or "not needed"' },
    ],
    tools: [
      {
        name: "get_order",
        description: "Look up an order.",
        parameters: { type: "object", properties: { order_id: str }, required: ["order_id"] },
        effect: { kind: "get", table: "orders", key: "args.order_id", notFound: "order not found" },
      },
      {
        name: "cancel_order",
        description: "Cancel a pending order.",
        parameters: { type: "object", properties: { order_id: str, reason: { type: "string", enum: ["mistake", "not needed"] } }, required: ["order_id", "reason"] },
        effect: {
          kind: "write",
          reads: [{ name: "order", table: "orders", key: "args.order_id" }],
          preconditions: [{ check: 'rec.order.status == "pending"', error: "only pending orders can be cancelled" }],
          steps: [
            { op: "set", table: "orders", key: "args.order_id", field: "status", value: '"cancelled"' },
            { op: "set", table: "orders", key: "args.order_id", field: "cancel_reason", value: "args.reason" },
          ],
          returns: "state.orders[args.order_id]",
        },
      },
      {
        name: "transfer_to_human",
        description: "Hand over to a human.",
        parameters: { type: "object", properties: { summary: str }, required: ["summary"] },
        effect: { kind: "transfer" },
      },
    ],
    db: {
      orders: {
        o1: { order_id: "o1", status: "pending", total: 30 },
        o2: { order_id: "o2", status: "delivered", total: 45 },
        o3: { order_id: "o3", status: "pending", total: 120 },
      },
    },
  };
}

const n = (id: string, kind: TreeNode["kind"], label: string, extra: Partial<TreeNode> = {}): TreeNode => ({ id, kind, label, children: [], ...extra });

export function shopTree(): TreeDoc {
  const nodes: TreeNode[] = [
    n("root", "decision", "Customer wants to cancel an order", { children: ["ask-id", "lookup"] }),
    n("ask-id", "clarify", "Ask for the order id", { guard: "!has(user.order_id)", missing: ["order_id"] }),
    n("lookup", "tool_call", "Look up the order", {
      tool: "get_order",
      args: { order_id: "user.order_id" },
      saveAs: "order",
      children: ["not-found", "over-limit", "disputed", "not-pending", "ask-reason", "confirm"],
    }),
    n("not-found", "clarify", "No such order", { guard: "has(outputs.order.error)", missing: ["order_id"] }),
    n("over-limit", "refuse", "Order over the limit", { guard: "outputs.order.total > 1000.0", reason: "Orders over 1000 need a manager." }),
    n("disputed", "transfer", "Charge disputed", { guard: "has(user.disputed) && user.disputed", reason: "Disputes go to a human." }),
    n("not-pending", "refuse", "Order is not pending", { guard: 'outputs.order.status != "pending"', reason: "Only pending orders can be cancelled." }),
    n("ask-reason", "clarify", "Ask why", { guard: '!has(user.reason) || !(user.reason in ["mistake", "not needed"])', missing: ["reason"] }),
    n("confirm", "confirm", "Ask for a yes", { children: ["do-cancel", "keep"] }),
    n("do-cancel", "tool_call", "Cancel it", { tool: "cancel_order", args: { order_id: "user.order_id", reason: "user.reason" }, children: ["done"] }),
    n("done", "execute", "Order cancelled"),
    n("keep", "abort", "Customer keeps the order", { reason: "The customer declined." }),
  ];
  return { version: 1, rootId: "root", nodes: Object.fromEntries(nodes.map((x) => [x.id, x])) };
}

/** The shop tree plus a branch no data can reach (its guard is `1 == 2`). */
export function shopTreeWithDeadBranch(): TreeDoc {
  const doc = shopTree();
  doc.nodes.root = { ...doc.nodes.root, children: ["ask-id", "never", "lookup"] };
  doc.nodes.never = n("never", "refuse", "Impossible condition", { guard: "1 == 2", reason: "Never." });
  return doc;
}
