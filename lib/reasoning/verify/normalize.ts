/**
 * Answer text as models and datasets write it, reduced to what is being claimed: the last
 * <answer> or \boxed{} wins; units, dollar signs, thousands separators and LaTeX spacing go.
 */

/** The content of the last `\boxed{…}` (or `\fbox{…}`), braces balanced; null when there is none. */
export function lastBoxed(text: string): string | null {
  const start = Math.max(text.lastIndexOf("\\boxed"), text.lastIndexOf("\\fbox"));
  if (start < 0) return null;
  const open = text.indexOf("{", start);
  if (open < 0) {
    // "\boxed 5": the token after a space
    const m = /^\\(?:boxed|fbox)\s+(\S+)/.exec(text.slice(start));
    return m ? m[1].replace(/\$$/, "") : null;
  }
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return text.slice(open + 1, i);
  }
  return null;
}

/** What a reply claims as its final answer: the last <answer> block, else the last \boxed{}, else the text. */
export function finalAnswerText(reply: string): string {
  const tags = [...reply.matchAll(/<answer>([\s\S]*?)<\/answer>/gi)];
  let text = tags.length ? tags[tags.length - 1][1] : (lastBoxed(reply) ?? reply);
  const boxed = lastBoxed(text);
  if (boxed !== null) text = boxed;
  text = text.trim().replace(/^(?:the\s+)?(?:final\s+)?answer\s*(?:is|:)\s*/i, "");
  return text.replace(/^\$+|\$+$/g, "").trim();
}

/** Plain-text normalisation for exact answers: case, quotes, spacing, trailing punctuation. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/\\text\{([^}]*)\}/g, "$1")
    .replace(/[`"'“”‘’*]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.;:!]+$/, "")
    .trim()
    .toLowerCase();
}

const UNIT_WORDS = /\s*(?:dollars?|usd|eur|euros?|cents?|days?|hours?|minutes?|items?|units?|orders?|appointments?|slots?|people|persons?|km|cm|mm|m|kg|g|lbs?|pounds?|miles?|feet|ft|inch(?:es)?|years?|months?|weeks?|%)\.?$/i;

/** LaTeX tidied for parsing (MATH's conventions: \dfrac → \frac, no \left/\right, units, degrees, \$, \%). */
export function normalizeLatex(text: string): string {
  let s = text.trim();
  s = s.replace(/\\(?:left|right)(?=[()[\]|.\\{}])/g, "");
  s = s.replace(/\\[dt]frac/g, "\\frac");
  s = s.replace(/\\[!,;: ]/g, "").replace(/~/g, "");
  s = s.replace(/\^\s*\{?\\circ\}?/g, "").replace(/\\degree/g, "");
  s = s.replace(/\\\$|\$/g, "").replace(/\\%|%/g, "");
  s = s.replace(/\\(?:text|mbox|mathrm|textbf)\{\s*(?:[a-zA-Z ]+)\}\s*$/g, "");
  s = s.replace(/\\(?:text|mbox|mathrm|textbf)\{([^}]*)\}/g, "$1");
  s = s.replace(/^[a-zA-Z]\s*=\s*(?=[^=]+$)/, "");
  s = s.replace(/(\d),(\d{3})(?!\d)/g, "$1$2").replace(/\{,\}/g, "");
  s = s.replace(/\.$/, "").trim();
  return s;
}

/** A plain number if the text is one: "1,234.5", "$54.98", "1e3", "-3", "75 %"; null otherwise. */
export function plainNumber(text: string): number | null {
  let s = text.trim().replace(/^\$|^\\\$/, "").replace(UNIT_WORDS, "").trim();
  s = s.replace(/^\$|^\\\$/, "").replace(/(\d),(?=\d{3}(?:\D|$))/g, "$1");
  if (!/^[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}
