/**
 * Value slots: every distinct value (an id, a date, an email, a number) met in a conversation gets
 * a slot token <v0>, <v1>… in order of first appearance, so a policy with a tiny vocabulary can
 * still copy any value into a tool call by pointing at its slot. Values match case-insensitively
 * (the user may type an email in capitals); the first spelling is the one a call gets.
 */
export interface SlotValue {
  text: string;
  /** First met as a JSON number (a call's number parameter may use it). */
  numeric: boolean;
}

export const slotToken = (k: number) => `<v${k}>`;
/** The token of a value past the slot budget: seen, but not copyable. */
export const OVERFLOW_SLOT = "<vX>";

export class Slots {
  readonly values: SlotValue[] = [];
  private readonly index = new Map<string, number>();

  constructor(readonly capacity: number) {}

  /** The slot token of a value, registering it on first sight. */
  token(text: string, numeric = false): string {
    const key = text.trim().toLowerCase();
    let k = this.index.get(key);
    if (k === undefined) {
      if (this.values.length >= this.capacity) return OVERFLOW_SLOT;
      k = this.values.push({ text: text.trim(), numeric }) - 1;
      this.index.set(key, k);
    }
    return slotToken(k);
  }

  /** The slot already holding a value, if any (never registers). */
  find(value: unknown): number | undefined {
    if (typeof value !== "string" && typeof value !== "number") return undefined;
    return this.index.get(String(value).trim().toLowerCase());
  }

  clone(): Slots {
    const copy = new Slots(this.capacity);
    for (const v of this.values) copy.token(v.text, v.numeric);
    return copy;
  }
}

/** A coarse magnitude token for a number (log2 buckets), so the policy can tell 5 hours from 54. */
export function numberBucket(n: number): string {
  if (!Number.isFinite(n)) return "num:?";
  if (n < 0) return "num:-";
  if (n === 0) return "num:0";
  if (n < 1) return "num:<1";
  return `num:2^${Math.min(12, Math.floor(Math.log2(n)))}`;
}

export const NUMBER_BUCKETS = ["num:?", "num:-", "num:0", "num:<1", ...Array.from({ length: 13 }, (_, k) => `num:2^${k}`)];
