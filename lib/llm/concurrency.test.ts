import { describe, expect, it } from "vitest";
import { AimdLimiter } from "./concurrency";

/** Every step is driven by hand: tasks finish when the test settles them, never on a clock. */
const RATE_LIMITED = new Error("429");

function harness(max: number, increaseAfter: number) {
  const limiter = new AimdLimiter({ max, increaseAfter, isRateLimited: (e) => e === RATE_LIMITED });
  const tasks: Array<{ started: boolean; resolve: () => void; reject: (e: unknown) => void; done: Promise<unknown> }> = [];
  let maxSeen = 0;
  let startsOverLimit = 0;
  const submit = (n: number) => {
    for (let i = 0; i < n; i++) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const gate = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      const task = { started: false, resolve, reject, done: Promise.resolve() as Promise<unknown> };
      task.done = limiter
        .run(async () => {
          task.started = true;
          maxSeen = Math.max(maxSeen, limiter.active);
          if (limiter.active > limiter.limit) startsOverLimit++;
          await gate;
        })
        .catch(() => undefined);
      tasks.push(task);
    }
  };
  const settle = () => new Promise((r) => setImmediate(r));
  const startedCount = () => tasks.filter((t) => t.started).length;
  return { limiter, tasks, submit, settle, startedCount, maxSeen: () => maxSeen, startsOverLimit: () => startsOverLimit };
}

describe("AimdLimiter", () => {
  it("runs up to max at once and queues the rest in order", async () => {
    const h = harness(3, 2);
    h.submit(5);
    await h.settle();
    expect(h.startedCount()).toBe(3);
    expect([h.limiter.active, h.limiter.queued]).toEqual([3, 2]);
    h.tasks[0].resolve();
    await h.settle();
    expect(h.tasks.map((t) => t.started)).toEqual([true, true, true, true, false]);
    for (const t of h.tasks) t.resolve();
    await Promise.all(h.tasks.map((t) => t.done));
    expect(h.maxSeen()).toBe(3);
    expect(h.startsOverLimit()).toBe(0);
    expect([h.limiter.active, h.limiter.queued]).toEqual([0, 0]);
  });

  it("halves on a 429 (floor 1) and counts one burst of 429s as one signal", async () => {
    const h = harness(8, 3);
    h.submit(12);
    await h.settle();
    expect(h.limiter.active).toBe(8);

    for (const t of h.tasks.slice(0, 3)) t.reject(RATE_LIMITED); // three 429s from the same wave
    await h.settle();
    expect(h.limiter.limit).toBe(4);
    expect(h.limiter.active).toBe(5); // over the new limit: in-flight calls finish, nothing new starts
    expect(h.startedCount()).toBe(8);

    h.tasks[3].resolve();
    h.tasks[4].resolve();
    await h.settle();
    // Two finished: three still run, so one queued call starts to fill the new limit of 4.
    expect(h.startedCount()).toBe(9);
    expect(h.limiter.active).toBe(4);
    expect(h.limiter.limit).toBe(4); // two successes, increaseAfter 3: no climb yet
    expect(h.startsOverLimit()).toBe(0);
  });

  it("lets a call started after the decrease decrease again, down to 1", async () => {
    const h = harness(4, 2);
    h.submit(1);
    await h.settle();
    h.tasks[0].reject(RATE_LIMITED);
    await h.settle();
    expect(h.limiter.limit).toBe(2);
    for (const expected of [1, 1]) {
      h.submit(1);
      await h.settle();
      h.tasks.at(-1)!.reject(RATE_LIMITED);
      await h.settle();
      expect(h.limiter.limit).toBe(expected);
    }
  });

  it("climbs back by one slot per `increaseAfter` successes, up to max", async () => {
    const h = harness(4, 2);
    h.submit(1);
    await h.settle();
    h.tasks[0].reject(RATE_LIMITED);
    await h.settle();
    expect(h.limiter.limit).toBe(2);

    const limits: number[] = [];
    for (let i = 0; i < 6; i++) {
      h.submit(1);
      await h.settle();
      h.tasks.at(-1)!.resolve();
      await h.tasks.at(-1)!.done;
      limits.push(h.limiter.limit);
    }
    expect(limits).toEqual([2, 3, 3, 4, 4, 4]);
  });

  it("a 429 resets the success streak", async () => {
    const h = harness(8, 2);
    h.submit(1);
    await h.settle();
    h.tasks[0].reject(RATE_LIMITED);
    await h.settle(); // limit 4
    h.submit(1);
    await h.settle();
    h.tasks[1].resolve(); // streak 1
    await h.tasks[1].done;
    h.submit(1);
    await h.settle();
    h.tasks[2].reject(RATE_LIMITED); // limit 2, streak 0
    await h.tasks[2].done;
    h.submit(1);
    await h.settle();
    h.tasks[3].resolve(); // streak 1: no increase yet
    await h.tasks[3].done;
    expect(h.limiter.limit).toBe(2);
  });

  it("passes other errors through without touching the limit", async () => {
    const limiter = new AimdLimiter({ max: 2, increaseAfter: 1, isRateLimited: () => false });
    await expect(limiter.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(limiter.limit).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it("rejects nonsense settings", () => {
    expect(() => new AimdLimiter({ max: 0, increaseAfter: 1, isRateLimited: () => false })).toThrow(/max/);
    expect(() => new AimdLimiter({ max: 2, increaseAfter: 0.5, isRateLimited: () => false })).toThrow(/increaseAfter/);
  });
});
