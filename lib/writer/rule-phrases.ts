import { stem } from "@/lib/chat/fact-mention";

/**
 * Does a text state the rule a case tests? A rule's key phrases are its neighbouring content
 * words ("past appointments", "balance … 200", "24 hours"); a text states the rule when it holds
 * such a pair, in order, at most MAX_GAP words apart (stemmed, so "rescheduling" matches
 * "reschedule"). Crude on purpose: it is a tripwire for a request that quotes the policy, and a
 * false alarm costs a repair round whose message names the phrase.
 */
const STOPWORDS = new Set(
  (
    "a an the to of in on at for with by from as into onto about via per " +
    "be is are was were been being am it its this that these those there here " +
    "and or but if then than so not no nor only also just very too " +
    "must may can cannot could should would will shall do does did done has have had " +
    "i me my we our you your he him his she her they them their who whom which what when where why how " +
    "any all each every some more less most least other such own same " +
    "once instead before after above below over under up down out off again further " +
    "go goes going get gets make makes let lets"
  ).split(" "),
);

const MAX_GAP = 3;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(stem);
}

const isContent = (w: string) => !STOPWORDS.has(w) && w.length > 1;

export interface RulePhrase {
  pair: [string, string];
  /** The words as the rule writes them, for messages. */
  text: string;
}

/** Neighbouring content-word pairs of a rule text. */
export function rulePhrases(rule: string): RulePhrase[] {
  const raw = rule.toLowerCase().replace(/[’']/g, "").split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const content = raw.map((w) => ({ w, s: stem(w) })).filter((x) => isContent(x.s) && !STOPWORDS.has(x.w));
  const seen = new Set<string>();
  const out: RulePhrase[] = [];
  for (let i = 1; i < content.length; i++) {
    const pair: [string, string] = [content[i - 1].s, content[i].s];
    const key = pair.join(" ");
    if (seen.has(key) || pair[0] === pair[1]) continue;
    seen.add(key);
    out.push({ pair, text: `${content[i - 1].w} … ${content[i].w}` });
  }
  return out;
}

function holds(tokens: string[], [a, b]: [string, string]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] !== a) continue;
    for (let j = i + 1; j <= Math.min(tokens.length - 1, i + MAX_GAP + 1); j++) if (tokens[j] === b) return true;
  }
  return false;
}

/** The rule's key phrases found in `text` that `baseline` (the proven deterministic wording) does not hold. */
export function statedRulePhrases(text: string, rule: string, baseline = ""): RulePhrase[] {
  const tokens = words(text);
  const base = words(baseline);
  return rulePhrases(rule).filter((p) => holds(tokens, p.pair) && !holds(base, p.pair));
}
