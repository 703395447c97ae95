import { describe, expect, it } from "vitest";
import type { TreeDoc } from "@/lib/tree/schema";
import { buildFlowEdges, buildFlowNodes, type FlowInput } from "./flow-elements";

const doc: TreeDoc = {
  version: 1,
  rootId: "root",
  nodes: {
    root: { id: "root", kind: "decision", label: "Root", children: ["ask", "ok"] },
    ask: { id: "ask", kind: "clarify", label: "Ask", children: [] },
    ok: { id: "ok", kind: "confirm", label: "Confirm", children: ["yes", "no"] },
    yes: { id: "yes", kind: "execute", label: "Do it", children: [] },
    no: { id: "no", kind: "abort", label: "Stop", children: [] },
  },
};
const positions = Object.fromEntries(Object.keys(doc.nodes).map((id, i) => [id, { x: i * 10, y: 0 }]));
const input = (over: Partial<FlowInput> = {}): FlowInput => ({
  doc, positions, selectedId: null, issues: [], matches: [], currentMatch: null, highlighted: null, ...over,
});

describe("buildFlowNodes", () => {
  it("marks order, issues, matches and the highlighted branch", () => {
    const nodes = buildFlowNodes(input({
      selectedId: "ok",
      issues: [{ nodeId: "ask", severity: "error", code: "x", message: "m" }, { nodeId: "ask", severity: "warning", code: "y", message: "m" }],
      matches: ["ask", "yes"], currentMatch: "yes", highlighted: ["root", "ok", "yes"],
    }), new Map());
    const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));
    expect(byId.root.data.order).toBeNull();
    expect(byId.ok.data.order).toBe(2);
    expect(byId.ask.data).toMatchObject({ errors: 1, warnings: 1, isMatch: true, isCurrentMatch: false, isDimmed: true });
    expect(byId.yes.data).toMatchObject({ isCurrentMatch: true, isHighlighted: true, isDimmed: false });
    expect(byId.ok.selected).toBe(true);
    expect(byId.yes.measured).toEqual({ width: byId.yes.width, height: byId.yes.height });
  });

  it("reuses unchanged node objects and rebuilds changed ones", () => {
    const first = buildFlowNodes(input(), new Map());
    const prev = new Map(first.map((n) => [n.id, n]));
    const second = buildFlowNodes(input({ selectedId: "ask" }), prev);
    expect(second.find((n) => n.id === "root")).toBe(prev.get("root"));
    expect(second.find((n) => n.id === "ask")).not.toBe(prev.get("ask"));
  });

  it("counts what a collapsed node hides and skips nodes not laid out yet", () => {
    const collapsed = { ...doc, nodes: { ...doc.nodes, ok: { ...doc.nodes.ok, collapsed: true } } };
    const nodes = buildFlowNodes(input({ doc: collapsed, positions: { root: positions.root, ok: positions.ok } }), new Map());
    expect(nodes.map((n) => n.id)).toEqual(["root", "ok"]);
    expect(nodes[1].data.hiddenCount).toBe(2);
  });
});

describe("buildFlowEdges", () => {
  it("labels confirm edges and sibling order, and marks the highlighted path", () => {
    const edges = buildFlowEdges(doc, ["root", "ok", "no"]);
    const byId = Object.fromEntries(edges.map((e) => [e.id, e]));
    expect(byId["root>ask"].label).toBe("1");
    expect(byId["ok>yes"].label).toBe("confirms");
    expect(byId["ok>no"].label).toBe("declines");
    expect(byId["ok>no"].className).toContain("is-highlighted");
    expect(byId["ok>yes"].className).toContain("is-dimmed");
  });
});
