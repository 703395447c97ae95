import { describe, expect, it } from "vitest";

process.env.FLYWHEEL_DB = ":memory:";

import { parseServeArgs, serveEnv } from "./env";

describe("flywheel env serve", () => {
  it("parses its options, with clear errors", () => {
    expect(parseServeArgs(["serve", "--domain", "shop"], {})).toEqual({ domainSlug: "shop", snapshotId: undefined, problems: false, host: "127.0.0.1", port: 8001, token: undefined, maxSessions: undefined, idleTimeoutMs: undefined });
    expect(parseServeArgs(["serve", "--domain", "shop", "--problems"], {})).toMatchObject({ domainSlug: "shop", problems: true });
    expect(parseServeArgs(["serve", "--snapshot", "3", "--port", "0", "--host", "0.0.0.0", "--max-sessions", "8", "--idle-timeout", "30"], { FLYWHEEL_ENV_TOKEN: "from-env" })).toMatchObject({
      snapshotId: 3, port: 0, host: "0.0.0.0", token: "from-env", maxSessions: 8, idleTimeoutMs: 30_000,
    });
    expect(parseServeArgs(["serve", "--domain", "x", "--token", "flag"], { FLYWHEEL_ENV_TOKEN: "env" }).token).toBe("flag");
    expect(() => parseServeArgs(["serve"], {})).toThrow(/--snapshot ID or --domain SLUG/);
    expect(() => parseServeArgs(["serve", "--snapshot", "1", "--domain", "x"], {})).toThrow(/one of them/);
    expect(() => parseServeArgs(["start", "--domain", "x"], {})).toThrow(/usage: flywheel env serve/);
    expect(() => parseServeArgs(["serve", "--snapshot", "abc"], {})).toThrow(/--snapshot must be a whole number ≥ 1, got "abc"/);
    expect(() => parseServeArgs(["serve", "--domain", "x", "--port", "70000"], {})).toThrow(/at most 65535/);
    expect(() => parseServeArgs(["serve", "--domain", "x", "--colour", "red"], {})).toThrow(/colour/);
  });

  it("serves the studio database's tasks and says where", async () => {
    const lines: string[] = [];
    const server = await serveEnv({ domainSlug: "clinic-appointments", host: "127.0.0.1", port: 0, token: "tok" }, (l) => lines.push(l));
    try {
      expect(lines.join("\n")).toMatch(/clinic-appointments \(verified cases\), 0 tasks, 7 tools[\s\S]*ws:\/\/127\.0\.0\.1:\d+\/ws[\s\S]*bearer token required/);
      const meta = await (await fetch(`${server.url}/metadata`, { headers: { authorization: "Bearer tok" } })).json();
      expect(meta).toMatchObject({ tasks: 0, tools: expect.arrayContaining(["find_patient"]) });
    } finally {
      await server.close();
    }
    await expect(serveEnv({ snapshotId: 5, host: "127.0.0.1", port: 0 })).rejects.toThrow(/No snapshot with id 5/);
  });
});
