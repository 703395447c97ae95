import { describe, expect, it } from "vitest";
import { summarize, type TrialResult } from "./metrics";
import { formatSummary, formatTrajectory } from "./report";

const failed: TrialResult = {
  caseId: "7", trial: 1, kind: "refuse", outcome: "forbidden_change", reward: 0, endReason: "user_stop", agentTurns: 2, toolCalls: 1, error: null, observed: "refused, then wrote",
  messages: [
    { role: "system", content: "long policy" },
    { role: "user", content: "Cancel it,\nplease" },
    { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "cancel", arguments: '{"id":"a1"}' } }] },
    { role: "tool", tool_call_id: "c1", content: '{"ok":true}' },
    { role: "assistant", content: "Done." },
  ],
};
const passed: TrialResult = { ...failed, trial: 0, outcome: "pass", reward: 1, observed: "refused" };

describe("formatSummary", () => {
  it("prints the headline, the kind and outcome tables, and each failure with its trajectory (system prompt left out)", () => {
    const text = formatSummary(summarize([passed, failed], { agent: "hack", dataset: "clinic", k: 2 }));
    const lines = text.split("\n");
    expect(lines[0]).toBe("hack on clinic: 1 case × 2 trials");
    expect(lines[1]).toBe("pass@1 0.500   pass^2 0.000   mean reward 0.500");
    expect(lines).toContain("refuse  1      0.500   0.000");
    expect(lines).toContain("forbidden_change  1       50.0%");
    expect(text).toContain("case 7  trial 1  refuse  forbidden_change  ended: user_stop  observed: refused, then wrote");
    expect(text).toContain('  agent → cancel({"id":"a1"})');
    expect(text).not.toContain("long policy");
  });

  it("keeps one line per message, newlines folded and long lines clipped", () => {
    expect(formatTrajectory(failed.messages)).toEqual(["user : Cancel it, please", 'agent → cancel({"id":"a1"})', 'tool : {"ok":true}', "agent: Done."]);
    expect(formatTrajectory([{ role: "user", content: "x".repeat(50) }], 20)[0]).toHaveLength(20);
  });
});
