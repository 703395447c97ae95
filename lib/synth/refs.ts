/**
 * What a CEL guard or binding talks about, read from its text: the user facts, earlier tool
 * outputs and state tables it references, and the literals it compares against. The search
 * uses these to decide which facts and records to vary when a guard blocks the branch.
 * A textual scan is enough here: a missed reference only makes the search less focused.
 */
export interface ExprRefs {
  userFacts: string[];
  /** `outputs.order.items[0].price` → { name: "order", fields: ["items", "price"] }. */
  outputs: { name: string; fields: string[] }[];
  /** `state.gift_cards[k].balance` → { table: "gift_cards", fields: ["balance"] }. */
  state: { table: string; fields: string[] }[];
  strings: string[];
  numbers: number[];
}

const STRING_LITERAL = /"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'/g;
const CHAIN = String.raw`((?:\s*(?:\.[A-Za-z_]\w*|\[[^\]]*\]))*)`;

const unescape = (s: string) => s.replace(/\\(.)/g, "$1");
const uniq = <T>(items: T[]) => [...new Set(items)];
const chainFields = (rest: string) => [...rest.replace(/\[[^\]]*\]/g, "").matchAll(/\.([A-Za-z_]\w*)/g)].map((m) => m[1]);

const cache = new Map<string, ExprRefs>();

/** The references of an expression (cached: guards are read on every search step; treat as read-only). */
export function exprRefs(expr: string | undefined): ExprRefs {
  if (!expr) return { userFacts: [], outputs: [], state: [], strings: [], numbers: [] };
  let refs = cache.get(expr);
  if (!refs) {
    if (cache.size > 5000) cache.clear();
    refs = scanRefs(expr);
    cache.set(expr, refs);
  }
  return refs;
}

function scanRefs(expr: string): ExprRefs {
  const refs: ExprRefs = { userFacts: [], outputs: [], state: [], strings: [], numbers: [] };
  for (const m of expr.matchAll(STRING_LITERAL)) refs.strings.push(unescape(m[1] ?? m[2] ?? ""));
  // Strings are blanked so that a literal like "user.x" is not read as a reference.
  const code = expr.replace(STRING_LITERAL, '""');
  for (const m of code.matchAll(/\buser\.([A-Za-z_]\w*)/g)) refs.userFacts.push(m[1]);
  // Bracketed keys often hold references of their own (state.gift_cards[user.payment_method_id]).
  for (const m of code.matchAll(new RegExp(String.raw`\boutputs\.([A-Za-z_]\w*)` + CHAIN, "g")))
    refs.outputs.push({ name: m[1], fields: chainFields(m[2]) });
  for (const m of code.matchAll(new RegExp(String.raw`\bstate\.([A-Za-z_]\w*)` + CHAIN, "g")))
    refs.state.push({ table: m[1], fields: chainFields(m[2]) });
  for (const m of code.matchAll(/(?<![\w.])(\d+(?:\.\d+)?)(?![\w])/g)) refs.numbers.push(Number(m[1]));
  refs.userFacts = uniq(refs.userFacts);
  refs.strings = uniq(refs.strings);
  refs.numbers = uniq(refs.numbers);
  return refs;
}

/** Several expressions' references merged. */
export function mergeRefs(list: ExprRefs[]): ExprRefs {
  return {
    userFacts: uniq(list.flatMap((r) => r.userFacts)),
    outputs: list.flatMap((r) => r.outputs),
    state: list.flatMap((r) => r.state),
    strings: uniq(list.flatMap((r) => r.strings)),
    numbers: uniq(list.flatMap((r) => r.numbers)),
  };
}
