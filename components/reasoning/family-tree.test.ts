import { describe, expect, it } from "vitest";
import type { Problem } from "@/lib/reasoning/schema";
import { familyTree, histogramRows, roundMeans } from "./family-tree";

const p = (id: string, parent: string | null, round: number) => ({ id, lineage: { parent, root: "a", mutation: parent ? "add_filter" : null, round } }) as unknown as Problem;

describe("familyTree and histogramRows", () => {
  it("nests each variant under its parent, by round", () => {
    const tree = familyTree([p("c", "b", 2), p("b", "a", 1), p("a", null, 0), p("d", "a", 1)]);
    expect(tree.map((n) => n.problem.id)).toEqual(["a"]);
    expect(tree[0].children.map((n) => n.problem.id)).toEqual(["b", "d"]);
    expect(tree[0].children[0].children.map((n) => n.problem.id)).toEqual(["c"]);
  });

  it("puts each round in its own column, zero where a round has none", () => {
    expect(histogramRows([{ round: 0, difficulty: 9, count: 3 }, { round: 1, difficulty: 12, count: 2 }, { round: 0, difficulty: 12, count: 1 }])).toEqual({
      rounds: [0, 1],
      rows: [{ difficulty: 9, "round 0": 3, "round 1": 0 }, { difficulty: 12, "round 0": 1, "round 1": 2 }],
    });
  });

  it("averages difficulty per round, weighted by count", () => {
    expect(roundMeans([{ round: 1, difficulty: 12, count: 2 }, { round: 0, difficulty: 9, count: 3 }, { round: 0, difficulty: 12, count: 1 }])).toEqual([
      { round: 0, mean: 9.8, count: 4 },
      { round: 1, mean: 12, count: 2 },
    ]);
  });
});
