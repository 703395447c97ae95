import { describe, expect, it } from "vitest";
import { EnvSession } from "./session";
import { SessionStore } from "./sessions";
import { tasksSource } from "./source";
import type { TestCase } from "@/lib/cases/schema";
import type { EpisodeTask } from "@/lib/rollout";
import { shopDomain } from "@/lib/synth/test-fixture";

/** The store never looks into a session's tasks: an empty source is enough. */
const source = () => tasksSource([]);

describe("SessionStore", () => {
  it("caps open sessions, reaping idle ones before it refuses", () => {
    let now = 0;
    const store = new SessionStore({ maxSessions: 2, idleTimeoutMs: 1000, now: () => now });
    const [a, b, c] = [new EnvSession(source()), new EnvSession(source()), new EnvSession(source())];
    store.add(a);
    store.add(b);
    expect(() => store.add(c)).toThrow(/at capacity \(2 open sessions\)/);
    now = 600;
    store.get(a.id); // a is used at 600, b last at 0
    now = 1500;
    store.add(c); // b is idle past the timeout: reaped, its slot reused
    expect(store.size).toBe(2);
    expect(() => store.get(b.id)).toThrow(/expired after 1 s/);
    expect(() => store.get("nope")).toThrow(/^no session nope$/);
    expect(store.close(a.id)).toBe(true);
    expect(store.close(a.id)).toBe(false);
  });

  it("tells a session's owner when it expires, on a sweep or on a late get", () => {
    let now = 0;
    const store = new SessionStore({ idleTimeoutMs: 100, now: () => now });
    const expired: string[] = [];
    const [a, b] = [new EnvSession(source()), new EnvSession(source())];
    store.add(a, () => expired.push("a"));
    store.add(b, () => expired.push("b"));
    now = 90;
    store.touch(b.id);
    now = 150;
    expect(store.sweep()).toEqual([a.id]);
    expect(expired).toEqual(["a"]);
    now = 500;
    expect(() => store.get(b.id)).toThrow(/expired/);
    expect(expired).toEqual(["a", "b"]);
    expect(store.size).toBe(0);
  });

  it("rejects nonsense limits", () => {
    expect(() => new SessionStore({ maxSessions: 0 })).toThrow(/maxSessions/);
    expect(() => new SessionStore({ idleTimeoutMs: -1 })).toThrow(/idleTimeoutMs/);
  });
});

describe("EnvSession and tasksSource", () => {
  it("runs one call at a time, in the order they came", async () => {
    const session = new EnvSession(source());
    const order: string[] = [];
    const slow = session.exclusive(async () => {
      await new Promise((r) => setTimeout(r, 30));
      order.push("slow");
    });
    const failing = session.exclusive(() => {
      order.push("failing");
      throw new Error("boom");
    });
    const fast = session.exclusive(() => order.push("fast"));
    await Promise.all([slow, failing.catch(() => undefined), fast]);
    expect(order).toEqual(["slow", "failing", "fast"]);
  });

  it("refuses duplicate ids and tasks of two domains", () => {
    const task: EpisodeTask = { id: "execute", testCase: {} as TestCase, domain: shopDomain() }; // only ids and domains are checked
    expect(() => tasksSource([task, task])).toThrow(/task id execute appears twice/);
    expect(() => tasksSource([task, { ...task, id: "other", domain: { ...task.domain, slug: "elsewhere" } }])).toThrow(/one domain \(shop\)/);
    expect(tasksSource([]).list()).toEqual([]);
  });
});
