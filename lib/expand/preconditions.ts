import type { ToolSpec } from "@/lib/domain/schema";
import type { KnownOutput } from "./match";

/**
 * A write tool's preconditions are CEL over `args`, `rec` (records it reads) and `state`. A tree
 * guard sees `user`, `outputs` and `state` instead, so a precondition becomes a guard by
 * rewriting names: `args.p` → the expression bound to p, `rec.r` → the output of an earlier
 * lookup of the same record when there is one, else the record in `state`. Textual, outside
 * string literals: best effort, and the caller type-checks every result.
 */

type Read = Extract<ToolSpec["effect"], { kind: "write" }>["reads"][number];

export type RecordSource = { read: Read; expr: string; key: string; viaOutput: string | null };

const STRING_LITERAL = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g;

/** Applies `fn` to the code between string literals only. */
function outsideStrings(expr: string, fn: (code: string) => string): string {
  let out = "";
  let last = 0;
  for (const m of expr.matchAll(STRING_LITERAL)) {
    out += fn(expr.slice(last, m.index)) + m[0];
    last = m.index! + m[0].length;
  }
  return out + fn(expr.slice(last));
}

const wrap = (expr: string) => (/^[A-Za-z_][\w.]*$/.test(expr) ? expr : `(${expr})`);

export function substituteArgs(expr: string, bindings: Record<string, string>): string {
  return outsideStrings(expr, (code) => code.replace(/(?<![\w.])args\.([A-Za-z_]\w*)/g, (whole, p: string) => (bindings[p] ? wrap(bindings[p]) : whole)));
}

/** Where each record a write tool reads comes from on this path. */
export function recordSources(tool: ToolSpec, bindings: Record<string, string>, outputs: KnownOutput[]): RecordSource[] {
  if (tool.effect.kind !== "write") return [];
  return tool.effect.reads.map((read) => {
    const key = substituteArgs(read.key, bindings);
    // An earlier get on the same table with the same key already holds this record.
    const lookup = [...outputs].reverse().find((o) => {
      const e = o.tool.effect;
      return e.kind === "get" && e.table === read.table && substituteArgs(e.key, o.args) === key;
    });
    return lookup
      ? { read, key, expr: `outputs.${lookup.key}`, viaOutput: lookup.key }
      : { read, key, expr: `state.${read.table}[${key}]`, viaOutput: null };
  });
}

/** The precondition as a guard over the tree's variables. */
export function translateCondition(expr: string, bindings: Record<string, string>, sources: RecordSource[]): string {
  const withArgs = substituteArgs(expr, bindings);
  return outsideStrings(withArgs, (code) =>
    code.replace(/(?<![\w.])rec\.([A-Za-z_]\w*)/g, (whole, name: string) => sources.find((s) => s.read.name === name)?.expr ?? whole),
  );
}

const COMPARISONS: Record<string, string> = { "==": "!=", "!=": "==", ">=": "<", "<=": ">", ">": "<=", "<": ">=" };

/** Top-level operators of an expression (outside brackets and strings), with their positions. */
function topLevelOperators(expr: string): { op: string; at: number }[] {
  const code = expr.replace(STRING_LITERAL, (s) => "_".repeat(s.length));
  const ops: { op: string; at: number }[] = [];
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    if (depth !== 0) continue;
    const two = code.slice(i, i + 2);
    if (["&&", "||", "==", "!=", ">=", "<="].includes(two)) {
      ops.push({ op: two, at: i });
      i++;
    } else if ("<>?".includes(c)) ops.push({ op: c, at: i });
  }
  return ops;
}

/** The negation of a boolean expression, flipping a lone comparison instead of wrapping it. */
export function negate(expr: string): string {
  const e = expr.trim();
  const ops = topLevelOperators(e);
  if (ops.length === 1 && COMPARISONS[ops[0].op]) {
    const { op, at } = ops[0];
    return `${e.slice(0, at).trim()} ${COMPARISONS[op]} ${e.slice(at + op.length).trim()}`;
  }
  if (ops.length === 0 && /^!\(.*\)$/.test(e) && topLevelOperators(e.slice(1)).length === 0) return e.slice(2, -1);
  if (ops.length === 0 && /^[A-Za-z_][\w.]*$/.test(e)) return `!${e}`;
  return `!(${e})`;
}
