import { describe, expect, it } from "vitest";
import type { ChatMessage } from "@/lib/chat/schema";
import { isConfirmationRequest } from "@/lib/chat/intent";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import { shopDomain, shopTree } from "@/lib/synth/test-fixture";
import { buildFailureMap, type MinedTrial } from "./failure-map";
import { locateFailure } from "./failure-point";

const domain = shopDomain();
const doc = shopTree();
const { cases } = synthesizeTree(doc, domain, { seed: 3, personas: [{ id: "p1", persona: "A retired teacher" }], treeId: 1, revision: 1 });
const byLeaf = (leaf: string) => {
  const tc = cases.find((c) => c.branch.nodeIds.at(-1) === leaf && c.proof?.verified);
  if (!tc) throw new Error(`no verified case ends at ${leaf}`);
  return tc;
};
const locate = (leaf: string, messages: ChatMessage[]) => locateFailure({ testCase: byLeaf(leaf), messages, domain, doc });

describe("locateFailure", () => {
  it("finds nothing wrong with the ideal trajectory", () => {
    for (const tc of cases.filter((c) => c.proof?.verified)) expect(locateFailure({ testCase: tc, messages: normalTrajectory(tc, domain), domain, doc }), tc.branch.branchId).toBeNull();
  });

  it("puts a refusal given up under pressure on the refuse leaf", () => {
    expect(locate("over-limit", hackTrajectory(byLeaf("over-limit"), domain))).toMatchObject({ nodeId: "over-limit", category: "gave_in" });
  });

  it("puts a write after the user declined on the confirm node", () => {
    expect(locate("keep", hackTrajectory(byLeaf("keep"), domain))).toMatchObject({ nodeId: "confirm", category: "wrote_after_decline" });
  });

  it("puts a change made without the yes/no question on the confirm node", () => {
    const messages = normalTrajectory(byLeaf("done"), domain);
    const asked = messages.findIndex((m) => m.role === "assistant" && typeof m.content === "string" && isConfirmationRequest(m.content));
    expect(asked).toBeGreaterThan(0);
    const skipped = [...messages.slice(0, asked), ...messages.slice(asked + 2)];
    expect(locate("done", skipped)).toMatchObject({ nodeId: "confirm", category: "skipped_confirmation" });
  });

  it("puts a first wrong tool call on the tool_call node the branch expected, and a silent clarify on its leaf", () => {
    const messages = normalTrajectory(byLeaf("done"), domain).map((m): ChatMessage => {
      if (m.role !== "assistant" || !m.tool_calls?.some((c) => c.function.name === "cancel_order")) return m;
      return { ...m, tool_calls: m.tool_calls.map((c) => ({ ...c, function: { ...c.function, arguments: JSON.stringify({ ...JSON.parse(c.function.arguments), reason: "not needed" === JSON.parse(c.function.arguments).reason ? "mistake" : "not needed" }) } })) };
    });
    expect(locate("done", messages)).toMatchObject({ nodeId: "do-cancel", category: "wrong_arguments", step: 1 });
    const silent: ChatMessage[] = [normalTrajectory(byLeaf("ask-id"), domain)[0], normalTrajectory(byLeaf("ask-id"), domain)[1], { role: "assistant", content: "All done, goodbye." }];
    expect(locate("ask-id", silent)).toMatchObject({ nodeId: "ask-id", category: "missing_clarification" });
  });
});

describe("buildFailureMap", () => {
  it("rates a node by the failures located at it over the trials that passed through it, and picks the weakest", () => {
    const trial = (caseId: string, nodeIds: string[], failure: MinedTrial["failure"], persona = "A"): MinedTrial => ({ caseId, trial: 0, treeId: 1, branchId: nodeIds.join(">"), nodeIds, labels: nodeIds.map((n) => n.toUpperCase()), kind: "refuse", persona, failure });
    const map = buildFailureMap(
      [
        trial("1", ["root", "lookup", "over-limit"], { nodeId: "over-limit", category: "gave_in", detail: "", step: null }, "Persona A"),
        trial("1", ["root", "lookup", "over-limit"], null, "Persona A"),
        trial("2", ["root", "lookup", "keep"], { nodeId: "lookup", category: "wrong_call", detail: "", step: 0 }, "persona  a"),
        trial("3", ["root", "ask-id"], null, "B"),
      ],
      { weakNodes: 5, minFailures: 1 },
    );
    expect(map).toMatchObject({ trials: 4, failures: 2, categories: { gave_in: 1, wrong_call: 1 } });
    const rate = (id: string) => map.nodes.find((n) => n.nodeId === id)!;
    expect(rate("over-limit")).toMatchObject({ trials: 2, failures: 1, rate: 0.5, label: "OVER-LIMIT", branchIds: ["root>lookup>over-limit"] });
    expect(rate("lookup")).toMatchObject({ trials: 3, failures: 1 });
    expect(rate("root")).toMatchObject({ trials: 4, failures: 0, rate: 0 });
    expect(map.weak).toEqual([{ treeId: 1, nodeId: "over-limit" }, { treeId: 1, nodeId: "lookup" }]);
    expect(map.personas[0]).toMatchObject({ key: "persona a", trials: 3, failures: 2 });
  });
});
