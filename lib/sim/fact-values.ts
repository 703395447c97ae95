import { factLabel } from "@/lib/chat/fact-mention";

/** A fact value as a person writes it: lists joined, booleans as yes/no, objects as JSON. */
export function renderValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return value.map(renderValue).join(", ");
  return JSON.stringify(value);
}

/**
 * Whether `text` states `value`: a string or number appears in it (case-insensitive), a list
 * has every element stated. Booleans and objects are never "stated" by text alone.
 */
export function isStatedIn(text: string, value: unknown): boolean {
  const haystack = text.toLowerCase();
  if (typeof value === "string") return value.length > 0 && haystack.includes(value.toLowerCase());
  if (typeof value === "number") return haystack.includes(String(value));
  if (Array.isArray(value)) return value.length > 0 && value.every((v) => isStatedIn(text, v));
  return false;
}

/** The names of the facts whose values `text` states. */
export function statedFacts(text: string, facts: Record<string, unknown>): string[] {
  return Object.entries(facts)
    .filter(([, v]) => isStatedIn(text, v))
    .map(([k]) => k);
}

/** "order id" → "Order id": a label at the start of a sentence. */
export function capitalLabel(name: string): string {
  const label = factLabel(name);
  return label.charAt(0).toUpperCase() + label.slice(1);
}
