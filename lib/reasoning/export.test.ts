import { describe, expect, it } from "vitest";
import { retailDomain } from "@/lib/domain/examples/retail";
import { generateProblems } from "./generate/generate";
import { mutateProblem } from "./harden/mutate";
import { problemExportRow, problemSplit, ProblemExportInput } from "./export";

const parents = generateProblems(retailDomain, { count: 24, seed: 5 }).problems;
const variants = parents.flatMap((p) => mutateProblem(retailDomain, p, { seed: 1 }).variants);

describe("problem export rows", () => {
  it("keeps each family (a problem and its variants) in one split", () => {
    expect(variants.length).toBeGreaterThan(0);
    const byRoot = new Map<string, Set<string>>();
    for (const p of [...parents, ...variants]) byRoot.set(p.lineage.root, (byRoot.get(p.lineage.root) ?? new Set()).add(problemSplit(p, 0.5)));
    expect([...byRoot.values()].every((splits) => splits.size === 1)).toBe(true);
    // at half, both splits get families
    expect(new Set([...byRoot.values()].flatMap((s) => [...s]))).toEqual(new Set(["train", "validation"]));
  });

  it("sends everything to train at ratio 0 and to validation at ratio 1", () => {
    expect(parents.every((p) => problemSplit(p, 0) === "train")).toBe(true);
    expect(parents.every((p) => problemSplit(p, 1) === "validation")).toBe(true);
  });

  it("carries the problem, its domain and the split", () => {
    const row = problemExportRow(variants[0], retailDomain, 0.3);
    expect(row).toEqual({ kind: "problem", id: variants[0].id, problem: variants[0], domain: retailDomain, split: problemSplit(variants[0], 0.3) });
  });

  it("reads the same input from a JSON body and from a download link's query", () => {
    const body = ProblemExportInput.parse({ format: "verl", domain: "retail-orders", approvedOnly: true, validationRatio: 0.2 });
    const query = ProblemExportInput.parse({ format: "verl", domain: "retail-orders", approvedOnly: "true", validationRatio: "0.2" });
    expect(query).toEqual(body);
    expect(ProblemExportInput.parse({ format: "chat" })).toEqual({ format: "chat", domain: "all", approvedOnly: false, validationRatio: 0.1 });
    expect(() => ProblemExportInput.parse({ format: "tau2" })).toThrow();
    expect(() => ProblemExportInput.parse({ format: "verl", validationRatio: 2 })).toThrow();
  });
});
