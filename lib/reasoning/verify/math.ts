import { ComputeEngine } from "@cortex-js/compute-engine";
import { normalizeLatex, plainNumber } from "./normalize";

/**
 * Mathematical equivalence through the Cortex Compute Engine: LaTeX and plain notation parse to
 * one expression language, so \frac{1}{2}, 1/2 and 0.5 compare equal, and x^2+2x+1 equals
 * (x+1)^2 (symbolically, else at sample points). The engine takes about a second to start, so
 * it is made on first use.
 */
let engine: ComputeEngine | undefined;
const ce = () => (engine ??= new ComputeEngine());

type Expr = ReturnType<ComputeEngine["parse"]>;

export function parseMath(text: string): Expr | null {
  const s = normalizeLatex(text);
  if (!s) return null;
  const n = plainNumber(s);
  const expr = n !== null ? ce().number(n) : ce().parse(s);
  return expr.isValid ? expr : null;
}

/** The value of a closed expression (no unknowns), or null. */
export function numericValue(text: string): number | null {
  const n = plainNumber(normalizeLatex(text));
  if (n !== null) return n;
  const e = parseMath(text);
  if (!e || e.unknowns.length) return null;
  const v = e.N().re;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

const SAMPLES = [0.37, 1.91, -2.23, 3.7, 0.5];
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** Are `a` and `b` the same mathematical object? null when either does not parse. */
export function mathEqual(a: string, b: string): boolean | null {
  const x = parseMath(a);
  const y = parseMath(b);
  if (!x || !y) return null;
  const same = x.isEqual(y);
  if (same !== undefined) return same;
  const names = [...new Set([...x.unknowns, ...y.unknowns])];
  if (!names.length) return null;
  for (const [i, base] of SAMPLES.entries()) {
    const point = Object.fromEntries(names.map((n, j) => [n, ce().number(base + j * 0.61 + i * 0.07)]));
    const vx = x.subs(point).N().re;
    const vy = y.subs(point).N().re;
    if (typeof vx !== "number" || typeof vy !== "number" || Number.isNaN(vx) || Number.isNaN(vy)) return null;
    if (!close(vx, vy)) return false;
  }
  return true;
}
