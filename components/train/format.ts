/** Small display helpers shared by the trainer panel. */
export const pct = (x: number | null | undefined) => (x === null || x === undefined || Number.isNaN(x) ? "—" : `${Math.round(x * 100)}%`);
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || Number.isNaN(x) ? "—" : Number(x.toPrecision(digits)).toString());
export const when = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" }) : "—";

/** "3m 12s" between two timestamps (or until now). */
export function duration(from: string | null, to: string | null): string {
  if (!from) return "—";
  const s = Math.max(0, Math.round(((to ? Date.parse(to) : Date.now()) - Date.parse(from)) / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m ${s % 60}s` : `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
}

/**
 * The y-axis range of a chart: recharts' "auto", unless the values are flat to within 0.1 % of
 * their size (entropy of a random policy: 11.91668 → 11.91669), where auto would tick the noise at
 * six decimals; then a band of ±0.1 % around them, read at a sensible precision.
 */
export function axisRange(values: number[]): [number, number] | ["auto", "auto"] {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return ["auto", "auto"];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (lo === 0 && hi === 0) return [0, 1]; // nothing earned yet: a unit axis, not recharts' 0–4
  const half = Math.abs((lo + hi) / 2) * 0.001;
  if (hi - lo >= 2 * half || half === 0) return ["auto", "auto"];
  const mid = (lo + hi) / 2;
  return [mid - half, mid + half];
}

/** Decimals that keep about five axis ticks over these values distinct ("1.372", not "1.4" five times). */
export function tickDecimals(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return 2;
  const span = Math.max(...finite) - Math.min(...finite);
  const scale = span > 0 ? span / 5 : Math.abs(finite[0]) || 1;
  return Math.min(6, Math.max(0, Math.ceil(-Math.log10(scale))));
}
