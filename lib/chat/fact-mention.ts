/**
 * Whether a message talks about a user fact, by the fact's name and its words: `order_id` is
 * mentioned by "order id", "order number" or "which order"; `items_to_return` by "which items
 * would you like to return". Used by the scripted user (what is the agent asking for?) and by the
 * reward (did the agent ask for each fact a clarify case needs?).
 */

/** Words that carry no meaning on their own in a fact name. */
const FILLER = new Set(["to", "of", "the", "a", "an", "for", "on", "in", "is", "at"]);
/**
 * Words that identify a fact only together with others: "order" suffices for order_id, "email"
 * for patient_email, "slot" for preferred_slot_id. Owners and wishes, not things.
 */
const WEAK = new Set(["id", "ids", "customer", "user", "client", "patient", "preferred", "desired", "wanted"]);
/** Spoken variants of a word, stemmed. */
const SYNONYMS: Record<string, string[]> = {
  id: ["id", "number", "#", "identifier", "code", "reference"],
  email: ["email", "mail"],
  phone: ["phone", "telephone", "mobile", "cell"],
  dob: ["dob", "birth", "birthday"],
  qty: ["qty", "quantity", "how many"],
};

/** A crude stemmer, applied to both sides: items/item, returned/return, exchanges/exchange. */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4) w = w.replace(/(?:ing|ed|s)$/, "");
  if (w.length > 3) w = w.replace(/e$/, "");
  return w;
}

const splitName = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[_\s-]+/)
    .map((w) => w.toLowerCase())
    .filter(Boolean);

/** The meaningful words of a fact name: "refund_method_id" → ["refund", "method", "id"]; camelCase too. */
export function factWords(name: string): string[] {
  return splitName(name).filter((w) => !FILLER.has(w));
}

/** How a fact is named in a sentence: "date of birth". */
export function factLabel(name: string): string {
  return splitName(name).join(" ");
}

function tokens(text: string): Set<string> {
  const normalized = text.toLowerCase().replace(/e-mail/g, "email").replace(/#/g, " # ");
  return new Set(normalized.split(/[^a-z0-9#]+/).filter(Boolean).map(stem));
}

function hasWord(toks: Set<string>, text: string, word: string): boolean {
  for (const variant of SYNONYMS[word] ?? [word]) {
    if (variant.includes(" ") ? text.toLowerCase().includes(variant) : toks.has(stem(variant))) return true;
  }
  return false;
}

/** True when `text` names the fact: its identifier, or every meaningful word (synonyms allowed). */
export function mentionsFact(text: string, name: string): boolean {
  if (text.toLowerCase().includes(name.toLowerCase())) return true;
  const words = factWords(name);
  if (!words.length) return false;
  const strong = words.filter((w) => !WEAK.has(w));
  const toks = tokens(text);
  return (strong.length ? strong : words).every((w) => hasWord(toks, text, w));
}

/** The facts among `names` that `text` mentions, in the order given. */
export function mentionedFacts(text: string, names: Iterable<string>): string[] {
  return [...new Set(names)].filter((n) => mentionsFact(text, n));
}
