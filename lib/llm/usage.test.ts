import { describe, expect, it } from "vitest";
import { costOf, UsageMeter, type UsageEvent } from "./usage";

const prices = { "qwen3-8b": { input: 0.5, output: 2 } };

describe("costOf", () => {
  it("prices input and output tokens per million", () => {
    expect(costOf("qwen3-8b", { promptTokens: 2_000_000, completionTokens: 500_000 }, prices)).toBe(2);
  });
  it("is null, not zero, for a model without a price", () => {
    expect(costOf("other", { promptTokens: 10, completionTokens: 10 }, prices)).toBeNull();
    expect(costOf("toString", { promptTokens: 10, completionTokens: 10 }, prices)).toBeNull();
  });
});

describe("UsageMeter", () => {
  const event = (over: Partial<UsageEvent>): UsageEvent => ({
    role: "writer", model: "qwen3-8b", usage: { promptTokens: 100, completionTokens: 10 }, cost: 0.01, cached: false, latencyMs: 5, keys: [], ...over,
  });

  it("sums overall and per scope key", () => {
    const meter = new UsageMeter();
    meter.record(event({ keys: ["job:1", "case:a"] }));
    meter.record(event({ keys: ["job:1", "case:b"], cost: null }));
    meter.record(event({ keys: ["job:1", "case:a"], cached: true, cost: 0, usage: { promptTokens: 0, completionTokens: 0 } }));
    meter.record(event({}), ["job:2"]);

    expect(meter.totals()).toEqual({ calls: 4, cachedCalls: 1, promptTokens: 300, completionTokens: 30, cost: 0.02, unpricedCalls: 1 });
    expect(meter.forKey("job:1")).toMatchObject({ calls: 3, cachedCalls: 1, promptTokens: 200, unpricedCalls: 1 });
    expect(meter.forKey("case:a")).toMatchObject({ calls: 2, cost: 0.01 });
    expect(meter.forKey("job:2").calls).toBe(1);
    expect(meter.forKey("nobody").calls).toBe(0);
    expect(meter.keys().sort()).toEqual(["case:a", "case:b", "job:1", "job:2"]);
  });

  it("counts a call once per key even if the key is repeated", () => {
    const meter = new UsageMeter();
    meter.record(event({ keys: ["job:1"] }), ["job:1"]);
    expect(meter.forKey("job:1").calls).toBe(1);
  });
});
