import { describe, expect, it } from "vitest";
import type { TreeDoc } from "@/lib/tree/schema";
import { ADD_CHILD_ACTIONS, EDITOR_ACTIONS, actionForKey, matchesShortcut, type ActionContext } from "./actions";
import { createEditorStore } from "./store";

const tree = (): TreeDoc => ({
  version: 1,
  rootId: "root",
  nodes: {
    root: { id: "root", kind: "decision", label: "Cancel an order", children: ["lookup", "ask"] },
    lookup: { id: "lookup", kind: "tool_call", label: "Look up the order", tool: "get_order", args: {}, children: ["ok"] },
    ok: { id: "ok", kind: "execute", label: "Cancel it", children: [] },
    ask: { id: "ask", kind: "clarify", label: "Ask for the order id", missing: [], children: [] },
  },
});

/** A store whose layout places nodes in a row, so tests need no elk. */
function setup() {
  const store = createEditorStore(async (doc) => Object.fromEntries(Object.keys(doc.nodes).map((id, i) => [id, { x: i * 300, y: 0 }])));
  store.getState().load(7, tree(), 3);
  return store;
}

const steps = (store: ReturnType<typeof setup>) => store.getState().history.past.length;

describe("one action = one undo step", () => {
  const edits: [string, (s: ReturnType<typeof setup>) => void][] = [
    ["addChild", (s) => s.getState().addChild("refuse")],
    ["deleteSelected", (s) => { s.getState().select("lookup"); s.getState().deleteSelected(); }],
    ["moveSelected", (s) => { s.getState().select("ask"); s.getState().moveSelected("up"); }],
    ["updateNode", (s) => s.getState().updateNode("root", { label: "Cancel", guard: "true" })],
    ["changeKind", (s) => s.getState().changeKind("ask", "refuse")],
    ["toggleCollapsed", (s) => s.getState().toggleCollapsed("lookup")],
  ];

  for (const [name, run] of edits) {
    it(`${name}: one step, undone and redone exactly`, () => {
      const store = setup();
      const before = store.getState().document;
      run(store);
      const after = store.getState().document;
      expect(after).not.toBe(before);
      expect(steps(store)).toBe(1);
      expect(store.getState().isDirty).toBe(true);
      store.getState().undo();
      expect(store.getState().document).toBe(before);
      expect(store.getState().isDirty).toBe(false);
      store.getState().redo();
      expect(store.getState().document).toBe(after);
      expect(steps(store)).toBe(1);
    });
  }

  it("every toolbar action that edits records one step", () => {
    const store = setup();
    const ctx: ActionContext = { store, save: () => {}, fitView: () => {}, focusSearch: () => {} };
    store.getState().select("root");
    for (const action of ADD_CHILD_ACTIONS) {
      const n = steps(store);
      action.run(ctx);
      expect(steps(store), action.id).toBe(n + 1);
      store.getState().select("root");
    }
    for (const id of ["move-down", "move-up", "toggle-collapse", "delete-node"]) {
      store.getState().select("lookup");
      const n = steps(store);
      EDITOR_ACTIONS.find((a) => a.id === id)!.run(ctx);
      expect(steps(store), id).toBe(n + 1);
    }
  });

  it("typing into one field is one step; a new field or a blur starts another", () => {
    const store = setup();
    for (const label of ["C", "Ca", "Can"]) store.getState().updateNode("root", { label }, "root:label");
    expect(steps(store)).toBe(1);
    store.getState().updateNode("root", { guard: "t" }, "root:guard");
    expect(steps(store)).toBe(2);
    store.getState().endTyping();
    store.getState().updateNode("root", { guard: "tr" }, "root:guard");
    expect(steps(store)).toBe(3);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().document!.nodes.root).toMatchObject({ label: "Can" });
    expect(store.getState().document!.nodes.root.guard).toBeUndefined();
  });

  it("selection, search, highlight, preview and refused edits record nothing", () => {
    const store = setup();
    const s = store.getState();
    s.select("ok");
    s.setSearch("order");
    s.stepMatch(1);
    s.highlightBranch({ branchId: "root>ask", nodeIds: ["root", "ask"] });
    s.centerOn("ask");
    s.select("ok");
    s.addChild("execute"); // under a leaf: refused
    expect(store.getState().notice).toMatch(/leaf/);
    s.showPreview(1, tree());
    s.updateNode("root", { label: "x" }); // read-only while previewing
    s.closePreview();
    expect(steps(store)).toBe(0);
    expect(store.getState().isDirty).toBe(false);
  });
});

describe("editor state", () => {
  it("selects and centres a new child, and selects the parent after a delete", () => {
    const store = setup();
    store.getState().select("lookup");
    store.getState().addChild("refuse");
    expect(store.getState().selectedId).toBe("refuse_1");
    expect(store.getState().centerRequest?.nodeId).toBe("refuse_1");
    store.getState().deleteSelected();
    expect(store.getState().selectedId).toBe("lookup");
  });

  it("clears the selection when undo removes the selected node", () => {
    const store = setup();
    store.getState().addChild("abort");
    store.getState().undo();
    expect(store.getState().selectedId).toBeNull();
  });

  it("tracks dirtiness against the saved document", () => {
    const store = setup();
    store.getState().updateNode("root", { label: "A" });
    const saved = store.getState().document!;
    store.getState().markSaved(4, saved);
    expect(store.getState()).toMatchObject({ isDirty: false, baseRevision: 4 });
    store.getState().updateNode("root", { label: "B" });
    expect(store.getState().isDirty).toBe(true);
    store.getState().undo();
    expect(store.getState().isDirty).toBe(false);
    store.getState().undo();
    expect(store.getState().isDirty).toBe(true);
  });

  it("search cycles through matches and opens collapsed ancestors in one step", () => {
    const store = setup();
    store.getState().toggleCollapsed("lookup");
    store.getState().setSearch("cancel");
    store.getState().stepMatch(1);
    expect(store.getState().selectedId).toBe("root");
    store.getState().stepMatch(1);
    expect(store.getState().selectedId).toBe("ok");
    expect(store.getState().document!.nodes.lookup.collapsed).toBeUndefined();
    expect(steps(store)).toBe(2);
    store.getState().stepMatch(1);
    expect(store.getState().selectedId).toBe("root");
    store.getState().stepMatch(-1);
    expect(store.getState().selectedId).toBe("ok");
  });

  it("lays out after load and edits", async () => {
    const store = setup();
    expect(store.getState().isLayoutPending).toBe(true);
    await Promise.resolve();
    expect(store.getState().isLayoutPending).toBe(false);
    expect(Object.keys(store.getState().positions)).toHaveLength(4);
    store.getState().addChild("execute");
    await Promise.resolve();
    expect(Object.keys(store.getState().positions)).toHaveLength(5);
  });

  it("a conflict is kept until a save succeeds", () => {
    const store = setup();
    store.getState().setConflict(9);
    expect(store.getState().conflict).toEqual({ currentRevision: 9 });
    store.getState().markSaved(10, store.getState().document!);
    expect(store.getState().conflict).toBeNull();
  });
});

describe("shortcuts", () => {
  const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
    key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
  });

  it("matches modifiers exactly, Cmd as Ctrl", () => {
    expect(matchesShortcut(key("z", { ctrlKey: true }), "Ctrl+Z")).toBe(true);
    expect(matchesShortcut(key("z", { metaKey: true }), "Ctrl+Z")).toBe(true);
    expect(matchesShortcut(key("Z", { ctrlKey: true, shiftKey: true }), "Ctrl+Z")).toBe(false);
    expect(matchesShortcut(key("Z", { ctrlKey: true, shiftKey: true }), "Ctrl+Shift+Z")).toBe(true);
    expect(matchesShortcut(key("ArrowUp", { altKey: true }), "Alt+ArrowUp")).toBe(true);
    expect(matchesShortcut(key("c"), "C")).toBe(true);
    expect(matchesShortcut(key("c", { ctrlKey: true }), "C")).toBe(false);
  });

  it("maps keys to actions, leaving plain keys to fields", () => {
    expect(actionForKey(key("y", { ctrlKey: true }), true)?.id).toBe("redo");
    expect(actionForKey(key("s", { ctrlKey: true }), true)?.id).toBe("save");
    expect(actionForKey(key("Delete"), false)?.id).toBe("delete-node");
    expect(actionForKey(key("Delete"), true)).toBeUndefined();
    expect(actionForKey(key("/"), false)?.id).toBe("focus-search");
  });
});
