import { describe, expect, it } from "vitest";
import { clinicDomain } from "@/lib/domain/examples/clinic";
import { expandWorkflowDeterministic } from "@/lib/expand/deterministic";
import { newTreeDocument } from "@/lib/tree/new-tree";
import type { TreeDoc } from "@/lib/tree/schema";
import { EDITOR_ACTIONS, isActionEnabled } from "../actions";
import { createEditorStore } from "../store";
import { buildProposalView, toggleSelection } from "./proposal-view";

const base = (): TreeDoc => ({
  version: 1,
  rootId: "root",
  nodes: {
    root: { id: "root", kind: "decision", label: "Cancel an appointment", children: ["old"] },
    old: { id: "old", kind: "abort", label: "Old leaf", reason: "x", children: [] },
  },
});
const steps = ["Verify the patient", "Look up the appointment", "Cancel the appointment"];
const proposal = () => expandWorkflowDeterministic(steps, clinicDomain, { rootLabel: "Cancel an appointment" }).doc;

function setup(doc = base()) {
  const store = createEditorStore(async (d) => Object.fromEntries(Object.keys(d.nodes).map((id, i) => [id, { x: i * 300, y: 0 }])));
  store.getState().load(1, doc, 1);
  return store;
}

describe("the proposal on the canvas", () => {
  it("marks added, changed and removed nodes, and draws the removed ones where they were", () => {
    const view = buildProposalView(base(), proposal(), [], "deterministic");
    expect(view.marks.root).toEqual({ status: "changed", fields: ["children"] });
    expect(view.marks.old).toEqual({ status: "removed" });
    expect(view.marks.find_patient).toEqual({ status: "added" });
    expect(view.display.nodes.root.children.at(-1)).toBe("find_patient");
    expect(view.display.nodes.root.children).toContain("old");
    expect(view.doc.nodes.old).toBeUndefined();
    expect(view.selected).toHaveLength(view.diff.added.length + view.diff.changed.length + view.diff.removed.length);
  });

  it("keeps ticks consistent: ancestors come with a node, descendants go with it", () => {
    const view = { ...buildProposalView(base(), proposal(), [], "deterministic"), selected: [] as string[] };
    const deep = toggleSelection(view, "get_appointment-not-found", true);
    expect(deep).toEqual(expect.arrayContaining(["root", "find_patient", "get_appointment", "get_appointment-not-found"]));
    expect(deep).not.toContain("confirm-cancel_appointment");
    // Ticking a new node takes its new subtree too; unticking it drops everything under it.
    const subtree = toggleSelection(view, "confirm-cancel_appointment", true);
    expect(subtree).toEqual(expect.arrayContaining(["cancel_appointment", "done", "declines-cancel_appointment"]));
    const untick = toggleSelection({ ...view, selected: subtree }, "get_appointment", false);
    expect(untick).not.toContain("done");
    expect(untick).toContain("find_patient");
  });
});

describe("accepting a proposal", () => {
  it("is ONE undo step, and undo brings the tree back", () => {
    const store = setup();
    const before = store.getState().document;
    store.getState().showProposal(proposal(), ["a note"], "deterministic");
    expect(store.getState().document).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
    store.getState().acceptProposal("all");
    const after = store.getState().document!;
    expect(store.getState().proposal).toBeNull();
    expect(store.getState().history.past).toHaveLength(1);
    expect(after.nodes.find_patient).toBeDefined();
    expect(after.nodes.old).toBeUndefined();
    expect(store.getState().isDirty).toBe(true);
    store.getState().undo();
    expect(store.getState().document).toBe(before);
    store.getState().redo();
    expect(store.getState().document).toBe(after);
  });

  it("accepting a selection takes only those changes (with their ancestors), still one step", () => {
    const store = setup();
    store.getState().showProposal(proposal(), [], "deterministic");
    store.getState().acceptProposal(["ask-request"]);
    const doc = store.getState().document!;
    expect(doc.nodes.root.children).toEqual(["old", "ask-request"]); // "old" keeps its place: its removal was not accepted
    expect(doc.nodes.find_patient).toBeUndefined();
    expect(store.getState().history.past).toHaveLength(1);
  });

  it("discarding or accepting nothing leaves the document and the history alone", () => {
    const store = setup();
    const before = store.getState().document;
    store.getState().showProposal(proposal(), [], "deterministic");
    store.getState().discardProposal();
    store.getState().showProposal(proposal(), [], "deterministic");
    store.getState().acceptProposal([]);
    expect(store.getState().document).toBe(before);
    expect(store.getState().history.past).toHaveLength(0);
    expect(store.getState().proposal).toBeNull();
  });

  it("blocks edits, undo and save while a proposal is open", () => {
    const store = setup(newTreeDocument("Cancel an appointment"));
    store.getState().updateNode("root", { label: "Edited" });
    store.getState().showProposal(proposal(), [], "deterministic");
    const doc = store.getState().document;
    store.getState().addChild("refuse");
    store.getState().undo();
    expect(store.getState().document).toBe(doc);
    for (const id of ["save", "undo", "delete-node"]) {
      expect(isActionEnabled(EDITOR_ACTIONS.find((a) => a.id === id)!, store.getState())).toBe(false);
    }
  });
});
