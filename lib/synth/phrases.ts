import type { UserFact } from "@/lib/domain/schema";
import type { StateChange } from "@/lib/env";

/** Small deterministic phrasing helpers for case text (an LLM may rewrite the words later). */

/** customer_email → "customer email". */
export const humanName = (name: string) => name.replace(/_/g, " ").trim();
export const upperFirst = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);
export const lowerFirst = (s: string) => (s && !/^[A-Z]{2}/.test(s) ? s[0].toLowerCase() + s.slice(1) : s);
export const sentence = (s: string) => (/[.!?]$/.test(s.trim()) ? s.trim() : `${s.trim()}.`);

export function valueText(value: unknown): string {
  if (Array.isArray(value)) return value.map(valueText).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (value && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Facts that say what the user wants ("What the customer wants: …") open the request. */
export const isIntentFact = (fact: UserFact | undefined) => !!fact && /^what\b.*\bwants?\b/i.test(fact.description);

/** "Customer email: ava@example.com." — or, for a yes/no fact, its description affirmed or denied. */
export function factLine(name: string, value: unknown, fact: UserFact | undefined): string {
  if (isIntentFact(fact) && isOtherIntent(value)) return sentence(`${upperFirst(humanName(name))}: something else than the usual requests`);
  if (typeof value === "boolean" && fact?.description) return sentence(value ? fact.description : `Not the case: ${lowerFirst(fact.description)}`);
  return sentence(`${upperFirst(humanName(name))}: ${valueText(value)}`);
}

/** An intent the search made up to miss every known one ("unknown request") reads as "something else". */
const isOtherIntent = (value: unknown) => typeof value === "string" && /^unknown\b/i.test(value);

/** "My order id is #W2001." */
export function firstPersonFact(name: string, value: unknown, fact: UserFact | undefined): string {
  if (isIntentFact(fact)) return sentence(isOtherIntent(value) ? "I need help with something else" : `I want to ${valueText(value)}`);
  if (typeof value === "boolean") return factLine(name, value, fact);
  return sentence(`My ${humanName(name)} is ${valueText(value)}`);
}

const short = (v: unknown) => {
  const text = JSON.stringify(v) ?? "nothing";
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/** `orders #W2001 status: "pending" → "cancelled"`. */
export function changeText(c: StateChange): string {
  if (c.op === "insert") return `a new ${c.table} record ${c.key} (${short(c.after)})`;
  if (c.op === "delete") return `${c.table} record ${c.key} removed`;
  return `${c.table} ${c.key} ${c.field}: ${short(c.before)} → ${short(c.after)}`;
}

export function listText(items: string[], max = 8): string {
  if (items.length <= max) return items.join("; ");
  return `${items.slice(0, max).join("; ")}; and ${items.length - max} more`;
}
