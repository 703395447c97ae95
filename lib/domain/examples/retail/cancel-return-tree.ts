import type { TreeDoc } from "@/lib/tree/schema";
import { abort, clarify, confirm, decision, execute, flattenTree, refuse, toolCall, transfer, when } from "../tree-builder";

/** "Cancel or return an order": identify the customer, find the order, then cancel or return it. */
const CUSTOMER_ID = "outputs.customer.customers[0].customer_id";
const ORDER = "outputs.order";

const cancelBranch = decision("cancel", "Customer wants to cancel", [
  when(
    `${ORDER}.status == "pending"`,
    decision("cancel-pending", "Order is pending", [
      when("!has(user.reason)", clarify("ask-cancel-reason", "Ask why they want to cancel", ["reason"])),
      when(
        '!(user.reason in ["no longer needed", "ordered by mistake"])',
        refuse("refuse-cancel-reason", "Reason is not an accepted cancellation reason", 'Cancellations are accepted only for "no longer needed" or "ordered by mistake".'),
      ),
      confirm(
        "confirm-cancel",
        "Read back the order and refunds; ask for a yes",
        toolCall("do-cancel", "Cancel the order", { tool: "cancel_order", args: { order_id: "user.order_id", reason: "user.reason" } }, [
          execute("cancelled", "Order cancelled; refunds issued to the original payment methods"),
        ]),
        abort("keep-order", "Customer keeps the order", "The customer declined the cancellation."),
      ),
    ]),
  ),
  when(
    `${ORDER}.status == "processed"`,
    refuse("refuse-cancel-processed", "Order is already being processed", "Only pending orders can be cancelled."),
  ),
  when(
    `${ORDER}.status in ["shipped", "delivered"]`,
    refuse("refuse-cancel-shipped", "Order has shipped", "Shipped or delivered orders cannot be cancelled; a delivered order can be returned."),
  ),
  refuse("refuse-cancel-closed", "Order is already cancelled or closed", "The order is no longer pending, so it cannot be cancelled."),
]);

const returnBranch = decision("return", "Customer wants to return items", [
  when(`${ORDER}.status != "delivered"`, refuse("refuse-return-undelivered", "Order is not delivered", "Only delivered orders can be returned.")),
  when(
    `${ORDER}.delivered_on < "2025-05-16"`,
    refuse("refuse-return-late", "Delivered more than 30 days ago", "Returns are accepted only within 30 days of delivery."),
  ),
  when("!has(user.items_to_return)", clarify("ask-return-items", "Ask which items to return", ["items_to_return"])),
  when(
    `!user.items_to_return.all(i, ${ORDER}.items.exists(it, it.item_id == i))`,
    clarify("ask-return-items-again", "An item is not in this order: ask again", ["items_to_return"]),
  ),
  when("!has(user.refund_method_id)", clarify("ask-refund-method", "Ask where the refund should go", ["refund_method_id"])),
  when(
    `!(user.refund_method_id in ${ORDER}.payments.map(p, p.payment_method_id))`,
    refuse("refuse-refund-method", "Refund method was not used for this order", "Refunds go only to a payment method used to pay for the order."),
  ),
  confirm(
    "confirm-return",
    "Read back the items and refund method; ask for a yes",
    toolCall(
      "do-return",
      "Request the return",
      { tool: "return_items", args: { order_id: "user.order_id", item_ids: "user.items_to_return", payment_method_id: "user.refund_method_id" } },
      [execute("returned", "Return requested; refund follows when the items arrive")],
    ),
    abort("keep-items", "Customer keeps the items", "The customer declined the return."),
  ),
]);

const orderBranch = toolCall("get-order", "Look up the order", { tool: "get_order", args: { order_id: "user.order_id" }, saveAs: "order" }, [
  when(`has(${ORDER}.error)`, clarify("ask-order-again", "No such order: ask the customer to check the id", ["order_id"])),
  when(
    `${ORDER}.customer_id != ${CUSTOMER_ID}`,
    refuse("refuse-other-customer", "Order belongs to another customer", "Agents may act only on orders of the identified customer."),
  ),
  when(
    "has(user.reports_fraud) && user.reports_fraud",
    transfer("transfer-fraud", "Customer says they did not place the order", "Unauthorized orders and disputed charges go to a human agent."),
  ),
  when("!has(user.request)", clarify("ask-request", "Ask whether they want to cancel or return", ["request"])),
  when('user.request == "cancel"', cancelBranch),
  when('user.request == "return"', returnBranch),
  // Exchanges have their own tree ("Exchange a delivered item"), so this one does not claim them.
  when(
    'user.request != "exchange"',
    transfer("transfer-other-request", "Something else, e.g. a new shipping address", "No policy action covers the request: hand over with a summary."),
  ),
]);

const root = decision("root", "Has the customer said who they are?", [
  when("!has(user.customer_email)", clarify("ask-email", "Ask for the email on the account", ["customer_email"])),
  toolCall(
    "find-customer",
    "Look up the account by email",
    { tool: "find_customer", args: { email: "user.customer_email" }, saveAs: "customer" },
    [
      when("size(outputs.customer.customers) == 0", clarify("ask-email-again", "No account with that email: ask again", ["customer_email"])),
      when(
        "!has(user.order_id)",
        toolCall(
          "list-orders",
          "List the customer's orders",
          { tool: "list_customer_orders", args: { customer_id: CUSTOMER_ID }, saveAs: "orders" },
          [
            when("size(outputs.orders.orders) == 0", refuse("refuse-no-orders", "The account has no orders", "There is no order on this account to cancel or return.")),
            clarify("ask-order-id", "Ask which of their orders they mean", ["order_id"]),
          ],
        ),
      ),
      orderBranch,
    ],
  ),
]);

export const cancelReturnTree: TreeDoc = flattenTree(root);
