import type { ModelPrice } from "./config";

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
}

/** US dollars for one call, or null when no price is configured for the model (unknown ≠ free). */
export function costOf(model: string, usage: TokenUsage, prices: Record<string, ModelPrice>): number | null {
  const price = Object.hasOwn(prices, model) ? prices[model] : undefined;
  if (!price) return null;
  return (usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000;
}

/** One finished call as the client reports it to `onUsage`. */
export interface UsageEvent {
  role: string;
  model: string;
  usage: TokenUsage;
  cost: number | null;
  cached: boolean;
  latencyMs: number;
  /** Scopes the caller attached to the call, e.g. ["job:42", "case:c_17"]. */
  keys: readonly string[];
}

export interface UsageTotals {
  calls: number;
  cachedCalls: number;
  promptTokens: number;
  completionTokens: number;
  /** US dollars, summed over priced calls only; `unpricedCalls` says how many calls it leaves out. */
  cost: number;
  unpricedCalls: number;
}

export const emptyUsageTotals = (): UsageTotals => ({ calls: 0, cachedCalls: 0, promptTokens: 0, completionTokens: 0, cost: 0, unpricedCalls: 0 });

/** Counts one finished call (a UsageEvent, or a ChatResult) into `t`. */
export function addUsage(t: UsageTotals, e: Pick<UsageEvent, "usage" | "cost" | "cached">): void {
  t.calls += 1;
  if (e.cached) t.cachedCalls += 1;
  t.promptTokens += e.usage.promptTokens;
  t.completionTokens += e.usage.completionTokens;
  if (e.cost === null) t.unpricedCalls += 1;
  else t.cost += e.cost;
}

/**
 * Sums usage overall and per scope key (a job, a case, anything the caller names). Plug it into
 * the client with `onUsage: (e) => meter.record(e)`.
 */
export class UsageMeter {
  private readonly total = emptyUsageTotals();
  private readonly byKey = new Map<string, UsageTotals>();

  record(event: UsageEvent, extraKeys: readonly string[] = []): void {
    addUsage(this.total, event);
    for (const key of new Set([...event.keys, ...extraKeys])) {
      let t = this.byKey.get(key);
      if (!t) this.byKey.set(key, (t = emptyUsageTotals()));
      addUsage(t, event);
    }
  }

  totals(): UsageTotals {
    return { ...this.total };
  }

  forKey(key: string): UsageTotals {
    return { ...(this.byKey.get(key) ?? emptyUsageTotals()) };
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }
}
