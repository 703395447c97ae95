import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { createLlmClient } from "@/lib/llm/client";
import { doubleConfig } from "@/lib/llm/testing/fixtures";
import { cannedReply, replies, startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { studioHandler } from "@/lib/llm/testing/scenarios";
import { enumerateBranches } from "@/lib/tree/branches";
import { validateTree } from "@/lib/tree/validate";
import { expandWorkflowLlm } from "./llm";
import type { NestedNode } from "./nested";

const steps = ["Look up the appointment", "Cancel the appointment"];

/** A small valid clinic tree in the model's nested format. */
const goodTree = (): NestedNode => ({
  id: "root", kind: "decision", label: "What does the caller need?",
  children: [
    { kind: "clarify", label: "Ask for the appointment id", guard: "!has(user.appointment_id)", missing: ["appointment_id"] },
    {
      kind: "tool_call", label: "Look up the appointment", tool: "get_appointment", args: { appointment_id: "user.appointment_id" }, saveAs: "appt",
      children: [
        { kind: "clarify", label: "No such appointment", guard: "has(outputs.appt.error)", missing: ["appointment_id"] },
        { kind: "refuse", label: "Already cancelled", guard: 'outputs.appt.status == "cancelled"', reason: "A cancelled appointment cannot be changed." },
        {
          kind: "confirm", label: "Ask for a yes",
          children: [
            { kind: "tool_call", label: "Cancel it", tool: "cancel_appointment", args: { appointment_id: "user.appointment_id" }, children: [{ kind: "execute", label: "Cancelled" }] },
            { kind: "abort", label: "Keeps it", reason: "The patient declined." },
          ],
        },
      ],
    },
  ],
});

/** The same tree with two mistakes validateTree catches: an unknown tool and a guard that does not parse. */
function brokenTree(): NestedNode {
  const t = goodTree();
  const lookup = t.children![1];
  lookup.children![1].guard = 'outputs.appt.status == "cancelled" &&';
  lookup.children![2].children![0].tool = "cancel_everything";
  return t;
}

let double: OpenAiDouble;
beforeEach(async () => {
  double = await startOpenAiDouble();
});
afterEach(async () => {
  await double.close();
});
const client = () => createLlmClient(doubleConfig(double.url));

describe("expandWorkflowLlm", () => {
  it("turns a valid answer into a valid flat tree, asking for the tree_proposal schema with the domain in the prompt", async () => {
    double.enqueue(replies.json({ root: goodTree(), notes: ["Assumed cancelled appointments stay cancelled."] }));
    const out = await expandWorkflowLlm(client(), { steps, domain: clinicDomain });
    if (!out.ok) throw new Error(out.reasons.join("\n"));
    expect(validateTree(out.doc, clinicDomain).filter((i) => i.severity === "error")).toEqual([]);
    expect(enumerateBranches(out.doc)).toHaveLength(5);
    expect(out.notes).toEqual(["Assumed cancelled appointments stay cancelled."]);
    expect(out).toMatchObject({ rounds: 1, usage: { calls: 1 } });
    expect(out.usage.promptTokens).toBeGreaterThan(0);

    const body = double.chatRequests()[0].body;
    expect(body.response_format.json_schema.name).toBe("tree_proposal");
    const user = body.messages.at(-1).content as string;
    expect(user).toContain("<steps>\nLook up the appointment\nCancel the appointment\n</steps>");
    expect(user).toContain('"name":"cancel_appointment"');
    expect(user).toContain("the appointment is already cancelled"); // a precondition's error text
    expect(body.messages[0].content).toContain("has(outputs.k.error)");
  });

  it("repairs an invalid tree once, showing the model the validation errors by node", async () => {
    double.enqueue(replies.json({ root: brokenTree() }), replies.json({ root: goodTree() }));
    const out = await expandWorkflowLlm(client(), { steps, domain: clinicDomain });
    expect(out).toMatchObject({ ok: true, rounds: 2, usage: { calls: 2 } });
    const repair = double.chatRequests()[1].body.messages;
    expect(repair.at(-2).role).toBe("assistant");
    const text = repair.at(-1).content as string;
    expect(text).toMatch(/\[cancel-it\] .*"cancel_everything", which is not a tool of this domain/);
    expect(text).toMatch(/\[already-cancelled\] Guard .* does not parse/);
  });

  it("records a failure with its reasons when the repaired tree is still invalid", async () => {
    double.enqueue(replies.json({ root: brokenTree() }), replies.json({ root: brokenTree() }));
    const out = await expandWorkflowLlm(client(), { steps, domain: clinicDomain });
    if (out.ok) throw new Error("expected a failure");
    expect(out.rounds).toBe(2);
    expect(out.reasons[0]).toMatch(/still has 2 validation error\(s\) after a repair round/);
    expect(out.reasons.some((r) => r.includes("cancel_everything"))).toBe(true);
  });

  it("records a failure when the reply never parses, counting both calls", async () => {
    double.enqueue(replies.malformedJson(), replies.text("Sorry, I cannot draw trees."));
    const out = await expandWorkflowLlm(client(), { steps, domain: clinicDomain });
    if (out.ok) throw new Error("expected a failure");
    expect(out.reasons[0]).toMatch(/did not fit the tree format: the reply is not valid JSON/);
    expect(out.raw).toBe("Sorry, I cannot draw trees.");
    expect(out.usage.calls).toBe(2);
  });

  it("keeps the current tree's ids the model keeps, and gives new nodes ids that do not collide", async () => {
    const current = { version: 1 as const, rootId: "root", nodes: { root: { id: "root", kind: "decision" as const, label: "Start", children: ["ask-appointment"] }, "ask-appointment": { id: "ask-appointment", kind: "clarify" as const, label: "x", children: [], missing: [] } } };
    const tree = goodTree();
    tree.children![0].label = "ask appointment"; // its slug would be "ask-appointment", which the current tree holds
    double.enqueue(replies.json({ root: tree }));
    const out = await expandWorkflowLlm(client(), { steps, domain: clinicDomain, currentTree: current });
    if (!out.ok) throw new Error(out.reasons.join("\n"));
    expect(out.doc.rootId).toBe("root");
    expect(Object.keys(out.doc.nodes)).toContain("ask-appointment-2");
    expect(double.chatRequests()[0].body.messages.at(-1).content).toContain("<current_tree>");
  });

  it("gets a valid proposal from the double's studio scenario", async () => {
    double.setHandler(studioHandler(cannedReply("free text")));
    const out = await expandWorkflowLlm(client(), { steps: ["Verify the patient", "Look up the appointment", "Cancel the appointment"], domain: clinicDomain });
    if (!out.ok) throw new Error(out.reasons.join("\n"));
    expect(enumerateBranches(out.doc).length).toBeGreaterThanOrEqual(8);
    expect(out.notes[0]).toMatch(/OpenAI test double/);
  });
});
