import type { DomainSpec, ToolSpec, UserFact } from "@/lib/domain/schema";
import { isLookupVerb, overlap, stem, words } from "./words";

/**
 * Which tool a workflow step means, and what each of a tool's parameters is bound to. Both are
 * guesses from names: the expander reports them in its notes, and every guess is type-checked
 * by validateTree before the curator sees it.
 */

/**
 * An output a node can read: stored under `key` by a call of `tool` with these argument
 * bindings, with the CEL path of each of its fields.
 */
export type KnownOutput = { key: string; tool: ToolSpec; args: Record<string, string>; fields: Map<string, string> };

export type StepMatch = { tool: ToolSpec; score: number } | null;

const isRead = (t: ToolSpec) => t.effect.kind === "get" || t.effect.kind === "filter";

/**
 * The tool a step names: shared words with the tool's name count double, with its description
 * once; a lookup verb ("find", "verify") counts for a read tool; name words the step does not
 * mention count against. The step must share a word with the tool's name beyond the verb, or
 * two with its description ("Look up the account by email" ~ "Find the customer account
 * registered under an email address").
 */
export function matchStep(step: string, tools: ToolSpec[]): StepMatch {
  const stepWords = words(step);
  const asksLookup = stepWords.some(isLookupVerb);
  let best: StepMatch = null;
  for (const tool of tools) {
    const nameWords = words(tool.name);
    const nouns = nameWords.filter((w) => !isLookupVerb(w));
    const sharedNouns = overlap(nouns, stepWords);
    const described = overlap(words(tool.description), stepWords);
    if (sharedNouns === 0 && described < 2) continue;
    const verbShared = overlap(nameWords.filter(isLookupVerb), stepWords) > 0;
    const score =
      2 * overlap(nameWords, stepWords) +
      described +
      (asksLookup && isRead(tool) && !verbShared ? 1 : 0) -
      0.5 * (nouns.length - sharedNouns);
    if (!best || score > best.score) best = { tool, score };
  }
  return best;
}

const stems = (name: string) => name.toLowerCase().split("_").filter(Boolean).map(stem);

/** How well a fact's name fits a parameter's: shared trailing words (email ~ customer_email). */
function nameFit(param: string, fact: string): number {
  if (param === fact) return 100;
  const p = stems(param);
  const f = stems(fact);
  let shared = 0;
  while (shared < Math.min(p.length, f.length) && p[p.length - 1 - shared] === f[f.length - 1 - shared]) shared++;
  if (shared >= 2 || (shared === 1 && p[p.length - 1] !== "id")) return 10 + shared;
  // item_ids ~ items_to_return: the fact's first word names the id's entity.
  if (p.length === 2 && p[1] === "id" && f[0] === p[0]) return 1;
  return 0;
}

function typeFits(schema: Record<string, unknown> | undefined, fact: UserFact): boolean {
  const t = schema?.type;
  if (t === "array") return fact.type === "list";
  if (t === "number" || t === "integer") return fact.type === "number";
  if (t === "boolean") return fact.type === "boolean";
  return fact.type === "string";
}

export type Binding = { expr: string; fact?: string; guessed?: boolean };

/**
 * The expression for one parameter: a user fact of the same name, an earlier output's field of
 * the same name (the latest output first), a fact whose name ends the same way, or null. A fact
 * named exactly like one of the tool's other parameters (`siblings`) belongs to that one.
 */
export function bindParam(
  param: string,
  schema: Record<string, unknown> | undefined,
  facts: UserFact[],
  outputs: KnownOutput[],
  siblings: string[] = [],
): Binding | null {
  const exactFact = facts.find((f) => f.name === param && typeFits(schema, f));
  if (exactFact) return { expr: `user.${param}`, fact: param };
  for (const out of [...outputs].reverse()) {
    const path = out.fields.get(param);
    if (path) return { expr: path };
  }
  const ranked = facts
    .filter((f) => typeFits(schema, f) && !siblings.includes(f.name))
    .map((f) => ({ f, fit: nameFit(param, f.name) }))
    .filter((x) => x.fit > 0)
    .sort((a, b) => b.fit - a.fit);
  if (ranked.length) return { expr: `user.${ranked[0].f.name}`, fact: ranked[0].f.name, guessed: true };
  return null;
}

/** A literal of the parameter's type, for a binding nothing could supply (the curator fills it). */
export function placeholderFor(schema: Record<string, unknown> | undefined): string {
  const t = schema?.type;
  if (Array.isArray(schema?.enum) && schema.enum.length) return JSON.stringify(schema.enum[0]);
  if (t === "array") return "[]";
  if (t === "number" || t === "integer") return "0.0";
  if (t === "boolean") return "false";
  return '""';
}

/** The fields a read tool's output offers, each with its CEL path under `outputs.<key>`. */
export function outputFields(tool: ToolSpec, key: string, domain: Pick<DomainSpec, "db">): Map<string, string> {
  const fields = new Map<string, string>();
  const effect = tool.effect;
  if (effect.kind !== "get" && effect.kind !== "filter") return fields;
  const rows = Object.values(domain.db[effect.table] ?? {});
  const names = effect.fields ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const base = effect.kind === "get" ? `outputs.${key}` : `outputs.${key}.${effect.as ?? "items"}[0]`;
  for (const name of names) fields.set(name, `${base}.${name}`);
  return fields;
}

/** The key an output is saved under: the tool's name without its verb (get_order → order). */
export function outputKey(tool: ToolSpec, taken: Set<string>): string {
  const parts = tool.name.split("_");
  const base = parts.length > 1 && isLookupVerb(stem(parts[0])) ? parts.slice(1).join("_") : tool.name;
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}_${n}`;
  return key;
}
