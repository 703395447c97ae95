import { describe, expect, it } from "vitest";
import type { StoredEvent } from "@/db/queries/train-runs";
import { appendPage, EMPTY_LOG } from "./event-log";

const log = (id: number): StoredEvent => ({ id, type: "log", level: "info", message: `m${id}`, createdAt: "" });

describe("appendPage", () => {
  it("appends new events, skips ones it holds, and settles only after a terminal status brings nothing new", () => {
    const a = appendPage(EMPTY_LOG, { status: "RUNNING", events: [log(1), log(2)] });
    expect(a).toMatchObject({ lastId: 2, status: "RUNNING", isSettled: false });
    const b = appendPage(a, { status: "RUNNING", events: [log(2), log(3)] });
    expect(b.events.map((e) => e.id)).toEqual([1, 2, 3]);
    expect(appendPage(b, { status: "RUNNING", events: [] })).toBe(b);
    const c = appendPage(b, { status: "SUCCEEDED", events: [log(4)] });
    expect(c).toMatchObject({ lastId: 4, status: "SUCCEEDED", isSettled: false });
    const d = appendPage(c, { status: "SUCCEEDED", events: [] });
    expect(d.isSettled).toBe(true);
    expect(d.events).toBe(c.events);
  });
});
