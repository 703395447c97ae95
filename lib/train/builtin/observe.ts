import { numberBucket, type Slots } from "./slots";

/**
 * How the policy reads the user's and the tools' messages: as symbolic tokens ("w:cancel",
 * "key:status", "<v3>", "num:2^5"). Words carry the meaning, values go to slots. The vocabulary
 * (vocab.ts) maps the symbols to ids; a word it lacks reads as <unk>.
 */

/** A word of running text that is a value: it has a digit, an @ or an underscore (ids, dates, emails). */
const VALUE_WORD = /[0-9@_]/;
/** A JSON string that reads as words ("booked", "appointment not found"), not as a value to copy. */
const WORDLIKE = /^[a-z][a-z ]*$/;

export const word = (w: string) => `w:${w}`;
export const key = (k: string) => `key:${k}`;

function numberTokens(n: number, text: string, slots: Slots): string[] {
  return [numberBucket(n), slots.token(text, true)];
}

/** The words of free text, lower-cased; values become slot tokens (numbers with their magnitude). */
export function textTokens(text: string, slots: Slots): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\s+/)) {
    if (!raw) continue;
    const core = raw.replace(/^[("'[]+/, "").replace(/[.,;:!?)"'\]]+$/, "");
    if (core && VALUE_WORD.test(core)) {
      const n = Number(core);
      out.push(...(Number.isFinite(n) && /^-?\d/.test(core) ? numberTokens(n, core, slots) : [slots.token(core)]));
      if (raw.endsWith("?")) out.push(word("?"));
      continue;
    }
    for (const w of raw.toLowerCase().match(/[a-z]+|\?/g) ?? []) out.push(word(w));
  }
  return out;
}

/** A JSON value, flattened: keys as key tokens, lists bracketed, word-like strings as words, other strings and numbers as slots. */
export function jsonTokens(value: unknown, slots: Slots): string[] {
  if (value === null || value === undefined) return ["null"];
  if (typeof value === "boolean") return [value ? "true" : "false"];
  if (typeof value === "number") return numberTokens(value, String(value), slots);
  if (typeof value === "string") return WORDLIKE.test(value) ? value.split(" ").filter(Boolean).map(word) : [slots.token(value)];
  if (Array.isArray(value)) {
    const out = ["["];
    value.forEach((item, i) => {
      if (i) out.push(",");
      out.push(...jsonTokens(item, slots));
    });
    out.push("]");
    return out;
  }
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [key(k), ...jsonTokens(v, slots)]);
}

/** A tool message's content: JSON when it parses (it always does for the studio's tools), text otherwise. */
export function toolTokens(content: string, slots: Slots): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return textTokens(content, slots);
  }
  return jsonTokens(parsed, slots);
}
