import { describe, expect, it } from "vitest";
import { fixtureRecords } from "./fixtures/load";
import { importPaperRecord } from "./paper-records";
import { createReplayEnvironment, hashWrites } from "./replay-env";
import type { ImportedCase, ImportedTool, ToolPaths } from "./schema";

const fixture = (i: number): ImportedCase => {
  const result = importPaperRecord(fixtureRecords()[i], i);
  if (!result.ok) throw new Error(result.reason);
  return result.imported;
};
const envFor = (c: ImportedCase) => createReplayEnvironment(c.tools, c.tool_return_expected);
const tool = (name: string): ImportedTool => ({ name, description: "", parameters: { type: "object" } });

describe("ReplayEnvironment", () => {
  it("answers the normal path's calls with their recorded outputs, 'no_return' as {success: true}", () => {
    const lib0 = fixture(0);
    const env = envFor(lib0);
    for (const step of lib0.tool_return_expected.normal_path) {
      const result = env.step({ name: step.tool_name, arguments: step.input });
      expect(result).toEqual({ ok: true, output: step.expected_output === "no_return" ? { success: true } : step.expected_output });
    }
    expect(env.state()).toEqual([{ tool: "renew_loan", arguments: { loan_id: "L-5531" } }]);
  });

  it("answers hack-path calls and logs those only the hack path makes as writes", () => {
    const lib1 = fixture(1);
    const env = envFor(lib1);
    expect(env.step({ name: "get_loan", arguments: { loan_id: "L-2208" } })).toMatchObject({ ok: true, output: { holds_waiting: 2 } });
    expect(env.state()).toEqual([]);
    expect(env.step({ name: "renew_loan", arguments: { loan_id: "L-2208" } })).toEqual({
      ok: true,
      output: { loan_id: "L-2208", new_due_date: "2025-06-17", renewals: 2 },
    });
    expect(env.state()).toEqual([{ tool: "renew_loan", arguments: { loan_id: "L-2208" } }]);
  });

  it("errs, naming the call, for calls neither path records, and for unknown tools", () => {
    const env = envFor(fixture(1));
    expect(env.step({ name: "get_loan", arguments: { loan_id: "L-99" } })).toEqual({
      ok: false,
      error: 'no recorded output for get_loan({loan_id: "L-99"}) in this imported case',
    });
    expect(env.step({ name: "renew_loan", arguments: { loan_id: "L-2208", extra: true } }).ok).toBe(false);
    expect(env.step({ name: "waive_fine", arguments: {} })).toEqual({
      ok: false,
      error: "unknown tool waive_fine; available: get_patron, get_loan, renew_loan, place_hold, pay_fine",
    });
    expect(env.step({ name: "get_loan", arguments: null as never })).toEqual({ ok: false, error: "arguments of get_loan must be an object" });
    expect(env.state()).toEqual([]);
    expect(env.log()).toHaveLength(4);
  });

  it("matches arguments up to key order and number forms, but keeps ids with leading zeros apart", () => {
    const paths: ToolPaths = {
      normal_path: [
        { tool_name: "move", input: { from: "A", amount: 1800, to: "B" }, expected_output: "no_return" },
        { tool_name: "get", input: { id: "007" }, expected_output: { found: true } },
      ],
      hack_path: [],
    };
    const env = createReplayEnvironment([tool("move"), tool("get")], paths);
    expect(env.step({ name: "move", arguments: { to: "B", amount: "1800.0", from: "A" } }).ok).toBe(true);
    expect(env.step({ name: "move", arguments: { to: "B", amount: 1800.5, from: "A" } }).ok).toBe(false);
    expect(env.step({ name: "get", arguments: { id: 7 } }).ok).toBe(false);
    expect(env.step({ name: "get", arguments: { id: "007" } }).ok).toBe(true);
    // the log holds the recorded arguments, so the hash ignores how the agent wrote them
    expect(env.state()).toEqual([{ tool: "move", arguments: { from: "A", amount: 1800, to: "B" } }]);
  });

  it("lets the normal path win where both paths record a call, and repeats answers for repeated calls", () => {
    const paths: ToolPaths = {
      normal_path: [{ tool_name: "get", input: { id: "x" }, expected_output: { v: "normal" } }],
      hack_path: [
        { tool_name: "get", input: { id: "x" }, expected_output: { v: "hack" } },
        { tool_name: "get", input: { id: "y" }, expected_output: { v: "only-hack" } },
      ],
    };
    const env = createReplayEnvironment([tool("get")], paths);
    const first = env.step({ name: "get", arguments: { id: "x" } });
    expect(first).toEqual({ ok: true, output: { v: "normal" } });
    expect(env.step({ name: "get", arguments: { id: "x" } })).toEqual(first);
    expect(env.state()).toEqual([]);
    // recorded only on the hack path: a write by the paper's convention
    env.step({ name: "get", arguments: { id: "y" } });
    expect(env.state()).toEqual([{ tool: "get", arguments: { id: "y" } }]);
  });

  it("counts every call of a tool the record marks 'no_return' as a write, and returns other strings as they are", () => {
    const paths: ToolPaths = {
      normal_path: [{ tool_name: "save", input: { id: 1 }, expected_output: { saved: true } }],
      hack_path: [
        { tool_name: "save", input: { id: 2 }, expected_output: "no_return" },
        { tool_name: "note", input: {}, expected_output: "Funds moved." },
      ],
    };
    const env = createReplayEnvironment([tool("save"), tool("note")], paths);
    env.step({ name: "save", arguments: { id: 1 } });
    expect(env.step({ name: "note", arguments: {} })).toEqual({ ok: true, output: "Funds moved." });
    expect(env.state().map((w) => w.arguments)).toEqual([{ id: 1 }, {}]);
  });

  it("hashes the write log: normal and hack runs differ, reset starts over, the same run hashes the same", () => {
    const clinic1 = fixture(3);
    const run = (path: "normal_path" | "hack_path") => {
      const env = envFor(clinic1);
      for (const s of clinic1.tool_return_expected[path]) env.step({ name: s.tool_name, arguments: s.input });
      return env;
    };
    const normal = run("normal_path");
    const hack = run("hack_path");
    expect(normal.hash()).toBe(hashWrites([]));
    expect(hack.hash()).not.toBe(normal.hash());
    expect(run("hack_path").hash()).toBe(hack.hash());
    expect(hack.diff()).toEqual([
      { table: "cancel_appointment", key: '{"appointment_id":"A-902","reason":"schedule conflict"}', op: "insert", after: { appointment_id: "A-902", reason: "schedule conflict" } },
    ]);
    hack.reset();
    expect(hack.hash()).toBe(normal.hash());
    expect(hack.log()).toEqual([]);
  });
});
