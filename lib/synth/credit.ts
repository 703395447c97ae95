import { guardHolds } from "@/lib/cel";

/**
 * How close a walk came to what the path needs at a choice: the graded signal the search climbs.
 */

/** Whether a guard holds; a guard that does not parse never holds (tree validation reports it). */
export function holds(guard: string | undefined, vars: Record<string, unknown>): boolean {
  try {
    return guardHolds(guard, vars);
  } catch {
    return false;
  }
}

/** Splits `a && (b || c) && d` at top-level `op`, outside parentheses, brackets and strings. */
export function splitTop(expr: string, op: "&&" | "||"): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    else if (depth === 0 && expr.startsWith(op, i)) {
      parts.push(expr.slice(start, i).trim());
      start = i + op.length;
      i++;
    }
  }
  parts.push(expr.slice(start).trim());
  return parts.filter(Boolean);
}

/**
 * Credit in [0, 0.5) for a guard that went the wrong way but partly the right way: the share of
 * its conjuncts that hold (when it should hold) or of its disjuncts that fail (when it should not).
 * This is the gradient that lets the search satisfy `a && b` one half at a time.
 */
export function partialCredit(guard: string | undefined, shouldHold: boolean, vars: Record<string, unknown>): number {
  if (!guard) return 0;
  const parts = splitTop(guard, shouldHold ? "&&" : "||");
  if (parts.length < 2) return 0;
  const good = parts.filter((p) => holds(p, vars) === shouldHold).length;
  return (0.5 * good) / parts.length;
}

/**
 * How far down a sibling list the constraints hold, in [0, 1): the interpreter tries siblings in
 * order, so holding the first p constraints is progress; the first miss's partial credit and, a
 * little, the later constraints break ties. Counting all constraints alike would reward a wrong
 * order whose later checks happen to pass over the right order with later facts still to fix.
 */
export function orderedCredit(credit: number[]): number {
  const p = credit.findIndex((c) => c < 1);
  if (p < 0) return 1;
  const later = credit.slice(p + 1);
  const laterMean = later.length ? later.reduce((a, b) => a + b, 0) / later.length : 0;
  return (p + 0.9 * credit[p] + 0.09 * laterMean) / credit.length;
}

