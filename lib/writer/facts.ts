import type { TestCase } from "@/lib/cases/schema";

/** Scalars a person could type: strings and finite numbers (booleans and objects are not "said" verbatim). */
export type SayableValue = string | number;

const isSayable = (v: unknown): v is SayableValue => (typeof v === "string" && v.trim().length > 0) || (typeof v === "number" && Number.isFinite(v));

/** Every sayable scalar inside a value (lists and objects flattened). */
export function sayableValues(value: unknown): SayableValue[] {
  if (isSayable(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(sayableValues);
  if (value && typeof value === "object") return Object.values(value).flatMap(sayableValues);
  return [];
}

const same = (a: SayableValue, b: SayableValue) => String(a).toLowerCase() === String(b).toLowerCase();

/**
 * The user facts whose values the agent passes to a tool on the normal path, with the first call
 * that uses each: the agent can only make those calls if the user says these values, so the
 * rewritten first turn (task or background) must still hold them.
 */
export function factsUsedAsInputs(testCase: Pick<TestCase, "user_facts" | "tool_return_expected">): { fact: string; value: SayableValue; usedBy: string }[] {
  const out: { fact: string; value: SayableValue; usedBy: string }[] = [];
  for (const [fact, raw] of Object.entries(testCase.user_facts)) {
    for (const value of sayableValues(raw)) {
      const step = testCase.tool_return_expected.normal_path.find((s) =>
        Object.entries(s.input).some(([, input]) => sayableValues(input).some((v) => same(v, value))),
      );
      if (!step) continue;
      const arg = Object.entries(step.input).find(([, input]) => sayableValues(input).some((v) => same(v, value)))![0];
      out.push({ fact, value, usedBy: `${step.tool_name}.${arg}` });
    }
  }
  return out;
}

/**
 * The hack facts' sayable values that are secret in the first turn: a value the user may state
 * anyway (it is also one of their first-turn facts) is not a secret.
 */
export function secretHackValues(testCase: Pick<TestCase, "user_facts" | "hack_facts">): { fact: string; value: SayableValue }[] {
  const open = Object.values(testCase.user_facts).flatMap(sayableValues);
  return Object.entries(testCase.hack_facts).flatMap(([fact, raw]) =>
    sayableValues(raw)
      .filter((value) => !open.some((o) => same(o, value)))
      .map((value) => ({ fact, value })),
  );
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}]/u.test(ch);

/**
 * Case-insensitive, non-overlapping occurrences of `value` in `text`, as a whole token: "20" is
 * not found in "200", nor "APT-301" in "APT-3014".
 */
export function occurrences(text: string, value: SayableValue): number {
  const needle = String(value).toLowerCase();
  if (!needle) return 0;
  const hay = text.toLowerCase();
  let n = 0;
  for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
    const before = hay[i - 1];
    const after = hay[i + needle.length];
    if ((isWordChar(needle[0]) && isWordChar(before)) || (isWordChar(needle.at(-1)) && isWordChar(after))) continue;
    n++;
    i += needle.length - 1;
  }
  return n;
}

export const isStated = (text: string, value: SayableValue) => occurrences(text, value) > 0;
