import type { Answer, AnswerAtom } from "../schema";
import { mathEqual, numericValue } from "./math";
import { finalAnswerText, normalizeText, plainNumber } from "./normalize";

export interface Verdict {
  correct: boolean;
  /** What was read from the reply. */
  given: string;
  reason: string;
}

/** Splits a list answer: a JSON array, \{…\}, (…) or […], else commas, semicolons, "and", lines. */
export function parseList(text: string): string[] {
  const t = text.trim();
  if (t.startsWith("[")) {
    try {
      const v = JSON.parse(t);
      if (Array.isArray(v)) return v.map((x) => String(x));
    } catch {
      /* not JSON: split below */
    }
  }
  const inner = t.replace(/^\\\{|\\\}$/g, "").replace(/^[[({]|[\])}]$/g, "");
  return inner
    .split(/\s*(?:,|;|\n|\band\b)\s*/)
    .map((s) => s.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, "").trim())
    .filter(Boolean);
}

function numberOf(text: string): number | null {
  return plainNumber(text) ?? numericValue(text);
}

/** One value: numbers within the tolerance, anything else as normalised text. */
export function atomMatches(expected: AnswerAtom, given: string, tolerance = 0): boolean {
  if (typeof expected === "number") {
    const n = numberOf(given);
    return n !== null && Math.abs(n - expected) <= tolerance + 1e-9 * Math.max(1, Math.abs(expected));
  }
  if (normalizeText(given) === normalizeText(expected)) return true;
  const e = plainNumber(expected);
  if (e === null) return false;
  const g = numberOf(given);
  return g !== null && Math.abs(e - g) <= tolerance + 1e-9 * Math.max(1, Math.abs(e));
}

const show = (v: Answer["value"]) => (Array.isArray(v) ? `[${v.join(", ")}]` : String(v));

/** Checks a reply (or a bare answer) against the problem's answer, per its kind. */
export function verifyAnswer(expected: Answer, reply: string): Verdict {
  const given = finalAnswerText(reply);
  const fail = (reason: string): Verdict => ({ correct: false, given, reason });
  if (!given) return fail("no answer given");
  const tol = expected.tolerance ?? 0;
  const v = expected.value;
  switch (expected.kind) {
    case "number":
    case "exact": {
      if (Array.isArray(v)) return fail("the expected answer is a list; the problem's kind says single value");
      return atomMatches(v, given, tol) ? { correct: true, given, reason: "" } : fail(`expected ${show(v)}, got ${given}`);
    }
    case "list":
    case "set": {
      const want = Array.isArray(v) ? v : [v];
      let got = parseList(given);
      if (expected.kind === "set") got = [...new Map(got.map((g) => [normalizeText(g), g])).values()];
      if (got.length !== want.length) return fail(`expected ${want.length} values, got ${got.length}: ${given}`);
      if (expected.kind === "list") {
        const bad = want.findIndex((w, i) => !atomMatches(w, got[i], tol));
        return bad < 0 ? { correct: true, given, reason: "" } : fail(`value ${bad + 1}: expected ${want[bad]}, got ${got[bad]}`);
      }
      const left = [...got];
      for (const w of want) {
        const i = left.findIndex((g) => atomMatches(w, g, tol));
        if (i < 0) return fail(`${w} is missing from ${given}`);
        left.splice(i, 1);
      }
      return { correct: true, given, reason: "" };
    }
    case "math": {
      const expectedText = String(Array.isArray(v) ? v.join(",") : v);
      const same = mathEqual(expectedText, given);
      if (same === true) return { correct: true, given, reason: "" };
      if (same === null && normalizeText(expectedText) === normalizeText(given)) return { correct: true, given, reason: "" };
      return fail(same === null ? `could not read ${given} as mathematics` : `${given} is not equal to ${expectedText}`);
    }
  }
}

export { formatAnswer } from "../format";
