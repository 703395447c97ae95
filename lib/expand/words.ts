/**
 * Word-level matching for the deterministic expander: a workflow step ("Look up the order")
 * is compared with tool names and descriptions, and parameter names with user-fact names, by
 * the content words they share. Crude on purpose: it is explainable, and the curator (or the
 * LLM expander) fixes what it gets wrong.
 */

const STOPWORDS = new Set(
  "a an and are as at be by can do does for from has have if in into is it its of on or our so that the their them then there this to up was we what when which who will with you your yes no not new".split(" "),
);

/** Verbs that mean "read something": a step saying "find" may call a tool named get_ or list_. */
const LOOKUP_VERBS = new Set(["get", "find", "look", "lookup", "list", "search", "fetch", "check", "verify", "identify", "retrieve", "show"]);

/** Crude stemming: plural and common verb endings (appointments → appointment, cancelled → cancel). */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) w = `${w.slice(0, -3)}y`;
  else if (/(ss|us|is)$/.test(w)) return w;
  else if (w.length >= 3 && w.endsWith("s")) w = w.slice(0, -1);
  if (w.length > 6 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 5 && w.endsWith("ed")) w = w.slice(0, -2);
  if (w.length > 4 && /(ll)$/.test(w)) w = w.slice(0, -1); // cancell(ed) → cancel
  return w;
}

/** Content words of a text or identifier, stemmed, in order, stopwords dropped. */
export function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w && !STOPWORDS.has(w.toLowerCase()))
    .map(stem)
    .filter((w) => !STOPWORDS.has(w));
}

export const isLookupVerb = (w: string) => LOOKUP_VERBS.has(w);

/** How many distinct words of `a` occur in `b`. */
export function overlap(a: string[], b: string[]): number {
  const inB = new Set(b);
  return new Set(a.filter((w) => inB.has(w))).size;
}

/** "find_patient" → "find patient"; "patient_email" → "patient email". */
export const humanize = (identifier: string) => identifier.replace(/_/g, " ");

/** A node-id slug of a text: "Cancel the order!" → "cancel-the-order", at most 40 characters. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return s || "node";
}
