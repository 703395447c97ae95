import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import os from "node:os";
import { isOwnerDead, newOwnerId, parseOwnerId } from "./owner";

describe("worker owner ids", () => {
  it("name this host and process", () => {
    const id = newOwnerId();
    expect(parseOwnerId(id)).toEqual({ host: os.hostname(), pid: process.pid });
    expect(parseOwnerId("no pid here")).toBeUndefined();
  });

  it("are dead when their local process is gone, and never judged for another host", () => {
    const gone = spawnSync(process.execPath, ["-e", "0"]).pid!;
    expect(isOwnerDead(`${os.hostname()}:${gone}:abcd`)).toBe(true);
    expect(isOwnerDead(`elsewhere:${gone}:abcd`)).toBe(false);
    expect(isOwnerDead(`${os.hostname()}:${process.ppid}:abcd`)).toBe(false);
    expect(isOwnerDead("garbage")).toBe(false);
  });

  it("in this process, are alive only while a runner holds them", () => {
    const id = newOwnerId();
    expect(isOwnerDead(id, { liveHere: [id] })).toBe(false);
    expect(isOwnerDead(id, { liveHere: [] })).toBe(true);
  });
});
