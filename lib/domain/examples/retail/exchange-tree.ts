import type { TreeDoc } from "@/lib/tree/schema";
import { roundToCents } from "../spec-helpers";
import { abort, clarify, confirm, decision, execute, flattenTree, refuse, toolCall, transfer, when } from "../tree-builder";

/** "Exchange a delivered item": same product, another variant in stock, price difference settled. */
const CUSTOMER = "outputs.customer.customers[0]";
const ORDER = "outputs.order";
const OLD_LINE = `${ORDER}.items.filter(it, it.item_id == user.item_to_exchange)[0]`;
const NEW_VARIANT = "outputs.variants.variants.filter(v, v.item_id == user.new_item_id)[0]";
const PRICE_DIFF = roundToCents(`${NEW_VARIANT}.price - ${OLD_LINE}.price`);

const variantBranch = toolCall(
  "list-variants",
  "Look up the product's variants",
  { tool: "get_product_variants", args: { product_id: `${OLD_LINE}.product_id` }, saveAs: "variants" },
  [
    when("!has(user.new_item_id)", clarify("ask-new-item", "Show the variants; ask which one they want", ["new_item_id"])),
    when(
      "user.new_item_id == user.item_to_exchange || !outputs.variants.variants.exists(v, v.item_id == user.new_item_id)",
      refuse("refuse-other-product", "Wanted item is not another variant of this product", "Items can be exchanged only for a different variant of the same product."),
    ),
    when(`${NEW_VARIANT}.stock == 0`, refuse("refuse-out-of-stock", "Wanted variant is out of stock", "Only variants in stock can be exchanged for.")),
    when("!has(user.payment_method_id)", clarify("ask-payment", "Ask how to settle the price difference", ["payment_method_id"])),
    when(
      `!(user.payment_method_id in ${CUSTOMER}.payment_methods)`,
      refuse("refuse-foreign-payment", "Payment method is not on the account", "The price difference must be settled with a payment method on the customer's account."),
    ),
    when(
      `user.payment_method_id in state.gift_cards && state.gift_cards[user.payment_method_id].balance < ${PRICE_DIFF}`,
      refuse("refuse-gift-card-short", "Gift card balance is below the price difference", "A gift card can pay the difference only if its balance covers it."),
    ),
    confirm(
      "confirm-exchange",
      "Read back the swap and the price difference; ask for a yes",
      toolCall(
        "do-exchange",
        "Request the exchange",
        {
          tool: "exchange_item",
          args: {
            order_id: "user.order_id",
            item_id: "user.item_to_exchange",
            new_item_id: "user.new_item_id",
            payment_method_id: "user.payment_method_id",
          },
        },
        [execute("exchanged", "Exchange requested; the difference is charged or refunded")],
      ),
      abort("keep-item", "Customer keeps the item", "The customer declined the exchange."),
    ),
  ],
);

const orderBranch = toolCall("get-order", "Look up the order", { tool: "get_order", args: { order_id: "user.order_id" }, saveAs: "order" }, [
  when(`has(${ORDER}.error)`, clarify("ask-order-again", "No such order: ask the customer to check the id", ["order_id"])),
  when(
    `${ORDER}.customer_id != ${CUSTOMER}.customer_id`,
    refuse("refuse-other-customer", "Order belongs to another customer", "Agents may act only on orders of the identified customer."),
  ),
  when(
    "has(user.reports_fraud) && user.reports_fraud",
    transfer("transfer-fraud", "Customer says they did not place the order", "Unauthorized orders and disputed charges go to a human agent."),
  ),
  when(`${ORDER}.status != "delivered"`, refuse("refuse-undelivered", "Order is not delivered", "Only delivered orders can be exchanged.")),
  when("!has(user.item_to_exchange)", clarify("ask-item", "Ask which item to exchange", ["item_to_exchange"])),
  when(
    `!${ORDER}.items.exists(it, it.item_id == user.item_to_exchange)`,
    clarify("ask-item-again", "That item is not in the order: ask again", ["item_to_exchange"]),
  ),
  variantBranch,
]);

const root = decision("root", "Has the customer said who they are?", [
  when("!has(user.customer_email)", clarify("ask-email", "Ask for the email on the account", ["customer_email"])),
  toolCall(
    "find-customer",
    "Look up the account by email",
    { tool: "find_customer", args: { email: "user.customer_email" }, saveAs: "customer" },
    [
      when("size(outputs.customer.customers) == 0", clarify("ask-email-again", "No account with that email: ask again", ["customer_email"])),
      when("!has(user.order_id)", clarify("ask-order-id", "Ask which order the item came in", ["order_id"])),
      orderBranch,
    ],
  ),
]);

export const exchangeTree: TreeDoc = flattenTree(root);
