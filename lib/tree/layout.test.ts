import { describe, expect, it } from "vitest";
import { DEFAULT_NODE_SIZE, layoutTree, visibleEdges, visibleNodeIds } from "./layout";
import type { TreeDoc, TreeNode } from "./schema";

const node = (id: string, children: string[] = [], extra: Partial<TreeNode> = {}): TreeNode => ({
  id, kind: children.length ? "decision" : "execute", label: id, children, ...extra,
});

/** root → a, b, c; a → a1, a2; c → c1 */
const doc = (): TreeDoc => ({
  version: 1,
  rootId: "root",
  nodes: Object.fromEntries(
    [node("root", ["a", "b", "c"]), node("a", ["a1", "a2"]), node("b"), node("c", ["c1"]), node("a1"), node("a2"), node("c1")].map((n) => [n.id, n]),
  ),
});

const overlaps = (p: { x: number; y: number }, q: { x: number; y: number }, w: number, h: number) =>
  p.x < q.x + w && q.x < p.x + w && p.y < q.y + h && q.y < p.y + h;

describe("layoutTree", () => {
  it("places parents above children and siblings left to right in child order", async () => {
    const pos = await layoutTree(doc());
    expect(Object.keys(pos).sort()).toEqual(["a", "a1", "a2", "b", "c", "c1", "root"]);
    expect(pos.a.y).toBeGreaterThan(pos.root.y);
    expect(pos.a1.y).toBeGreaterThan(pos.a.y);
    expect(pos.a.x).toBeLessThan(pos.b.x);
    expect(pos.b.x).toBeLessThan(pos.c.x);
    expect(pos.a1.x).toBeLessThan(pos.a2.x);
  });

  it("follows a reordering of children", async () => {
    const d = doc();
    d.nodes.root = { ...d.nodes.root, children: ["c", "b", "a"] };
    const pos = await layoutTree(d);
    expect(pos.c.x).toBeLessThan(pos.b.x);
    expect(pos.b.x).toBeLessThan(pos.a.x);
  });

  it("never overlaps nodes, with given sizes", async () => {
    const sizes = Object.fromEntries(Object.keys(doc().nodes).map((id) => [id, { width: 260, height: 120 }]));
    const pos = await layoutTree(doc(), sizes);
    const ids = Object.keys(pos);
    for (const p of ids) for (const q of ids) if (p < q) expect(overlaps(pos[p], pos[q], 260, 120)).toBe(false);
  });

  it("skips collapsed subtrees", async () => {
    const d = doc();
    d.nodes.a = { ...d.nodes.a, collapsed: true };
    const pos = await layoutTree(d);
    expect(Object.keys(pos).sort()).toEqual(["a", "b", "c", "c1", "root"]);
  });

  it("lays out broken trees: cycles, shared children, unreachable nodes", async () => {
    const d = doc();
    d.nodes.c1 = { ...d.nodes.c1, kind: "decision", children: ["root", "a2"] };
    d.nodes.lost = node("lost");
    const pos = await layoutTree(d);
    expect(Object.keys(pos)).toHaveLength(8);
    expect(pos.lost).toBeDefined();
  });
});

describe("visibleNodeIds / visibleEdges", () => {
  it("lists nodes depth-first and edges with the child index", () => {
    const d = doc();
    expect(visibleNodeIds(d)).toEqual(["root", "a", "a1", "a2", "b", "c", "c1"]);
    expect(visibleEdges(d).filter((e) => e.source === "root")).toEqual([
      { source: "root", target: "a", index: 0 },
      { source: "root", target: "b", index: 1 },
      { source: "root", target: "c", index: 2 },
    ]);
  });

  it("shows an unreachable subtree but not a collapsed one, and ignores dangling children", () => {
    const d = doc();
    d.nodes.root = { ...d.nodes.root, children: ["b", "ghost"] };
    d.nodes.c = { ...d.nodes.c, collapsed: true };
    expect(visibleNodeIds(d)).toEqual(["root", "b", "a", "a1", "a2", "c"]);
    expect(visibleEdges(d).some((e) => e.target === "ghost" || e.source === "c")).toBe(false);
    expect(DEFAULT_NODE_SIZE.width).toBeGreaterThan(0);
  });
});
