import type { UserFact } from "@/lib/domain/schema";
import { canonicalJson } from "@/lib/env";
import { exprRefs } from "./refs";

/** Marks "the user does not give this fact" in a candidate value list. */
export const ABSENT = Symbol("absent");
export type FactValue = unknown | typeof ABSENT;

/** Field name → the distinct scalar values found under that name anywhere (records, nested objects, lists). */
export type FieldIndex = Map<string, unknown[]>;

export function indexFields(value: unknown, index: FieldIndex = new Map(), seen = new Map<string, Set<string>>()): FieldIndex {
  const add = (field: string, v: unknown) => {
    const key = canonicalJson(v);
    const keys = seen.get(field) ?? new Set<string>();
    if (keys.has(key)) return;
    keys.add(key);
    seen.set(field, keys);
    index.set(field, [...(index.get(field) ?? []), v]);
  };
  const walk = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (!v || typeof v !== "object") return;
    for (const [field, inner] of Object.entries(v)) {
      if (isScalar(inner)) add(field, inner);
      else if (Array.isArray(inner) && inner.every(isScalar)) inner.forEach((x) => add(field, x));
      walk(inner);
    }
  };
  walk(value);
  return index;
}

const isScalar = (v: unknown) => v !== null && ["string", "number", "boolean"].includes(typeof v);
const tokens = (name: string) => name.toLowerCase().split("_").filter(Boolean);
const singular = (t: string) => (t.endsWith("s") && t.length > 3 ? t.slice(0, -1) : t);

/**
 * Whether a record field plausibly holds values of a user fact: the same name or a shared ending
 * (customer_email ~ email, refund_method_id ~ payment_method_id; a bare "id" is not enough).
 * Loosely: the fact's first word names the field's entity (items_to_return ~ item_id).
 */
export function factMatchesField(fact: string, field: string, loose = false): boolean {
  if (fact === field) return true;
  const f = tokens(fact);
  const d = tokens(field);
  if (loose) return d.length === 2 && d[1] === "id" && singular(f[0]) === d[0];
  let shared = 0;
  while (shared < Math.min(f.length, d.length) && f[f.length - 1 - shared] === d[d.length - 1 - shared]) shared++;
  return shared >= 2 || (shared === 1 && f[f.length - 1] !== "id");
}

/**
 * Values of fields matching `fact` in an index, of the fact's scalar type. The loose rule
 * (first word names the entity) is used only when no field matches strictly, so customer_email
 * takes emails, not customer ids.
 */
export function matchingValues(fact: UserFact, index: FieldIndex): unknown[] {
  const type = fact.type === "list" ? "string" : fact.type;
  const collect = (loose: boolean) => {
    const out: unknown[] = [];
    for (const [field, values] of index) if (factMatchesField(fact.name, field, loose)) out.push(...values.filter((v) => typeof v === type));
    return out;
  };
  const strict = collect(false);
  return strict.length ? strict : collect(true);
}

/** An id shaped like a real one that no record has: digits become 9s (#W2001 → #W9999), a@b → a9@b. */
export function unknownLike(fact: UserFact, samples: unknown[], taken: Set<string>): unknown {
  const sample = samples.find((s) => typeof s === "string") as string | undefined;
  if (!sample) return fact.type === "number" ? -1 : `unknown ${fact.name.replace(/_/g, " ")}`;
  if (/\s/.test(sample)) return `other ${fact.name.replace(/_/g, " ")}`;
  let candidate = /\d/.test(sample) ? sample.replace(/\d/g, "9") : sample.includes("@") ? sample.replace("@", "9@") : `${sample}-x`;
  while (taken.has(candidate)) candidate += "9";
  return candidate;
}

/**
 * The values worth trying for a fact: matching database values, literals the tree compares the fact
 * with (numbers ±1), quoted examples in its description, an unknown id, booleans, and ABSENT.
 */
export function factPool(fact: UserFact, index: FieldIndex, guards: string[]): FactValue[] {
  const fromDb = matchingValues(fact, index);
  const literals: unknown[] = [];
  for (const guard of guards) {
    const refs = exprRefs(guard);
    if (!refs.userFacts.includes(fact.name)) continue;
    literals.push(...refs.strings);
    for (const n of refs.numbers) literals.push(n, n - 1, n + 1);
  }
  literals.push(...[...fact.description.matchAll(/"([^"]+)"/g)].map((m) => m[1]));
  const taken = new Set([...fromDb, ...literals].map(String));
  const scalars: unknown[] = [];
  const seen = new Set<string>();
  for (const v of [...fromDb, ...literals, unknownLike(fact, fromDb, taken)]) {
    const typeOk = fact.type === "number" ? typeof v === "number" : fact.type === "boolean" ? false : typeof v === "string";
    if (typeOk && !seen.has(canonicalJson(v))) {
      seen.add(canonicalJson(v));
      scalars.push(v);
    }
  }
  if (fact.type === "boolean") return [true, false, ABSENT];
  if (fact.type === "list") return [...scalars.map((v) => [v]), ABSENT];
  return [...scalars, ABSENT];
}

const outputIndexes = new WeakMap<object, FieldIndex>();

/** Candidate values read off the tool outputs a walk produced (items of the order just looked up …). */
export function outputPool(fact: UserFact, outputs: Record<string, unknown>): FactValue[] {
  let index = outputIndexes.get(outputs);
  if (!index) outputIndexes.set(outputs, (index = indexFields(outputs)));
  const values = matchingValues(fact, index);
  if (fact.type !== "list") return values;
  return [...values.map((v) => [v]), ...(values.length > 1 ? [values] : [])];
}
