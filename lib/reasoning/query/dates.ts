/** Date arithmetic on the databases' ISO dates ("2025-05-28", "2025-03-10T14:00"). */
const DATE = /^(\d{4})-(\d{2})-(\d{2})/;

export const isDateText = (v: unknown): v is string => typeof v === "string" && DATE.test(v);

/** Days since the epoch of the date part (UTC): time of day is ignored. */
export function dayNumber(text: string): number {
  const m = DATE.exec(text);
  if (!m) return NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000;
}

/** Whole days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a: string, b: string) => dayNumber(b) - dayNumber(a);

export const dateOnly = (text: string) => text.slice(0, 10);

/** YYYY-MM-DD of a day number. */
export function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** The first and last day of the month that `text` falls in. */
export function monthWindow(text: string): { from: string; to: string } {
  const [y, m] = [Number(text.slice(0, 4)), Number(text.slice(5, 7))];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, "0");
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, "0")}` };
}

export const shiftDays = (text: string, days: number) => dateOf(dayNumber(text) + days);
