import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { retailDomain } from "@/lib/domain/examples/retail";
import type { DomainSpec } from "@/lib/domain/schema";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import { synthesizeTree } from "@/lib/synth";
import { countOutcomes, enumerateBranches } from "@/lib/tree/branches";
import { LEAF_KINDS } from "@/lib/tree/schema";
import { validateTree } from "@/lib/tree/validate";
import { clinicTrees } from "@/lib/domain/examples/clinic";
import { retailTrees } from "@/lib/domain/examples/retail";
import { expandWorkflowDeterministic } from "./deterministic";
import { happyPathSteps } from "./happy-path";

const WORKFLOWS: { name: string; domain: DomainSpec; steps: string[] }[] = [
  { name: "clinic cancel", domain: clinicDomain, steps: ["Verify the patient", "Look up the appointment", "Cancel the appointment"] },
  { name: "clinic reschedule", domain: clinicDomain, steps: ["Verify the patient", "Look up the appointment", "Reschedule the appointment"] },
  { name: "retail cancel", domain: retailDomain, steps: ["Find the customer by email", "Look up the order", "Cancel the order"] },
  { name: "retail return", domain: retailDomain, steps: ["Find the customer", "Get the order", "Return the items"] },
  { name: "retail exchange", domain: retailDomain, steps: ["Find the customer", "Get the order", "Exchange the item"] },
];

describe.each(WORKFLOWS)("expandWorkflowDeterministic: $name", ({ domain, steps }) => {
  const { doc } = expandWorkflowDeterministic(steps, domain);
  const branches = enumerateBranches(doc);

  it("is a valid tree with at least 8 branches and every outcome kind", () => {
    expect(validateTree(doc, domain).filter((i) => i.severity === "error")).toEqual([]);
    expect(branches.length).toBeGreaterThanOrEqual(8);
    const counts = countOutcomes(branches);
    for (const kind of LEAF_KINDS) expect(counts[kind], kind).toBeGreaterThan(0);
  });

  it("keeps the happy path: the steps' tools in order, then execute", () => {
    const happy = branches.find((b) => b.outcome === "execute")!;
    const tools = happy.nodeIds.map((id) => doc.nodes[id].tool).filter(Boolean);
    expect(tools).toHaveLength(3);
    expect(happy.labels).toEqual(expect.arrayContaining(steps));
  });

  it("synthesizes a verified case for every branch", { timeout: 180_000 }, () => {
    const out = synthesizeTree(doc, domain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null });
    expect(out.unsatisfiable.map((u) => `${u.branch.leafId}: ${u.reason}`)).toEqual([]);
    expect(out.failed.map((f) => `${f.branch.leafId}: ${f.reason}`)).toEqual([]);
    expect(out.cases).toHaveLength(branches.length);
  });
});

describe("expandWorkflowDeterministic: what it derives", () => {
  it("turns the cancel tool's preconditions into refusals over the looked-up appointment", () => {
    const { doc } = expandWorkflowDeterministic(["Verify the patient", "Look up the appointment", "Cancel the appointment"], clinicDomain);
    const guards = Object.values(doc.nodes).filter((n) => n.kind === "refuse").map((n) => n.guard);
    expect(guards).toEqual(['outputs.appointment.status == "completed"', 'outputs.appointment.status == "cancelled"']);
    expect(doc.nodes["get_appointment-not-found"]).toMatchObject({ kind: "clarify", guard: "has(outputs.appointment.error)", missing: ["appointment_id"] });
    expect(doc.nodes["confirm-cancel_appointment"].children.map((c) => doc.nodes[c].kind)).toEqual(["tool_call", "abort"]);
  });

  it("makes a step no tool fits a decision labelled with the step, and says so", () => {
    const { doc, notes } = expandWorkflowDeterministic(["Greet the caller warmly", "Look up the order", "Cancel the order"], retailDomain);
    const greet = Object.values(doc.nodes).find((n) => n.label === "Greet the caller warmly")!;
    expect(greet.kind).toBe("decision");
    expect(notes.some((n) => n.includes('"Greet the caller warmly" matches no tool'))).toBe(true);
    expect(validateTree(doc, retailDomain).filter((i) => i.severity === "error")).toEqual([]);
  });

  it("gives a precondition it cannot translate the guard `false` and a note", () => {
    const domain = structuredClone(retailDomain);
    const cancel = domain.tools.find((t) => t.name === "cancel_order")!;
    if (cancel.effect.kind !== "write") throw new Error("fixture");
    cancel.effect.preconditions.push({ check: "rec.ghost.level > 2.0", error: "a rule the tree cannot see" });
    const { doc, notes } = expandWorkflowDeterministic(["Look up the order", "Cancel the order"], domain);
    const stub = Object.values(doc.nodes).find((n) => n.reason?.includes("a rule the tree cannot see"))!;
    expect(stub).toMatchObject({ kind: "refuse", guard: "false" });
    expect(stub.label).toMatch(/write this guard/);
    expect(notes.some((n) => n.includes("could not be turned into a guard"))).toBe(true);
    expect(validateTree(doc, domain).filter((i) => i.severity === "error")).toEqual([]);
  });

  it("produces the same tree for the same input", () => {
    const steps = ["Find the customer", "Get the order", "Return the items"];
    expect(expandWorkflowDeterministic(steps, retailDomain)).toEqual(expandWorkflowDeterministic(steps, retailDomain));
  });
});

describe("happyPathSteps", () => {
  it("reads a curated tree's workflow back: the tool calls of its first fully confirmed execute branch", () => {
    expect(happyPathSteps(clinicTrees[0].doc)).toEqual(["Verify the patient", "Look up the appointment", "Cancel the appointment"]);
    expect(happyPathSteps(retailTrees[0].doc)).toEqual(["Look up the account by email", "Look up the order", "Cancel the order"]);
    expect(happyPathSteps({ version: 1, rootId: "r", nodes: { r: { id: "r", kind: "decision", label: "New", children: [] } } })).toEqual([]);
  });

  it("expands a seeded tree's own happy path into a valid tree", () => {
    const steps = happyPathSteps(retailTrees[0].doc);
    const { doc } = expandWorkflowDeterministic(steps, retailDomain);
    expect(validateTree(doc, retailDomain).filter((i) => i.severity === "error")).toEqual([]);
    expect(Object.values(doc.nodes).filter((n) => n.kind === "tool_call").map((n) => n.tool)).toEqual(["find_customer", "get_order", "cancel_order"]);
  });
});
