import { canonicalJson } from "@/lib/env/state";

/** A plain decimal without leading zeros: "380", "380.0", "-2.5e3" (not "007", which is an id). */
const NUMERIC = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/**
 * Arguments in a form where 380, 380.0, "380" and "380.0" are one value, since LLM-written
 * records and agents disagree on number forms. Strings that only look numeric with leading zeros
 * stay strings.
 */
export function normaliseValue(value: unknown): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? `\u0000${value}` : value;
  if (typeof value === "string" && NUMERIC.test(value.trim())) return `\u0000${Number(value.trim())}`;
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseValue(v)]));
  }
  return value;
}

/** The lookup key of a call: tool name plus canonical (key-sorted, number-normalised) arguments. */
export const callKey = (name: string, args: unknown): string => `${name}${canonicalJson(normaliseValue(args ?? {}))}`;

/** `get_loan({loan_id: "L-99"})`: how a call reads in an error message. */
export function formatCall(name: string, args: unknown): string {
  return `${name}(${formatValue(args ?? {})})`;
}

function formatValue(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatValue).join(", ")}]`;
  if (value && typeof value === "object") {
    const parts = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${formatValue(v)}`);
    return `{${parts.join(", ")}}`;
  }
  return JSON.stringify(value) ?? "undefined";
}
