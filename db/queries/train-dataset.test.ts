import { describe, expect, it } from "vitest";
import { generateAndStore, hardenProblems } from "@/lib/reasoning/flywheel";
import { isProblemTask, type AnyEpisodeTask, type ProblemTask } from "@/lib/rollout";
import { openDb } from "../client";
import { seedIfEmpty } from "../seed";
import { saveProblems, setProblemStatus } from "./problems";
import { loadTrainingData } from "./train-dataset";
import { verifyAndStoreDomain } from "./verify";

const SLUG = "clinic-appointments";
const problemsOf = (tasks: AnyEpisodeTask[]) => tasks.filter(isProblemTask) as ProblemTask[];

describe("loadTrainingData with problems", () => {
  const db = openDb(":memory:");
  seedIfEmpty(db);
  verifyAndStoreDomain({ db, slug: SLUG, seed: 1 });

  it("adds the ref's verified problems to the cases, each family (lineage root) on one side", async () => {
    const roots = generateAndStore({ db, slug: SLUG, count: 10, seed: 4 }).problems;
    const variants = (await hardenProblems({ db, slug: SLUG, parents: roots, seed: 1 })).variant_ids;
    expect(variants.length).toBeGreaterThan(0);
    const unverified = { ...roots[0], id: "p_unverified", verdict: "rejected" as const, reason: "recomputed answer differs" };
    saveProblems({ db, items: [unverified] });
    setProblemStatus({ db, id: roots[1].id, status: "rejected", reviewer: "r1" });
    const ids = [...roots.map((p) => p.id), ...variants, unverified.id];

    const data = loadTrainingData({ db, ref: { kind: "domain", domainSlug: SLUG, validationRatio: 0.25, problems: { ids, validationRatio: 0.5 } } });
    const train = problemsOf(data.train);
    const validation = problemsOf(data.validation);
    expect(train.length).toBeGreaterThan(0);
    expect(validation.length).toBeGreaterThan(0);
    expect([...train, ...validation].map((t) => t.id).sort()).toEqual(ids.filter((id) => id !== unverified.id && id !== roots[1].id).sort());
    const trainRoots = new Set(train.map((t) => t.problem.lineage.root));
    expect(validation.some((t) => trainRoots.has(t.problem.lineage.root))).toBe(false);
    expect(train.some((t) => t.problem.lineage.parent !== null) || validation.some((t) => t.problem.lineage.parent !== null)).toBe(true);
    expect([...train, ...validation].every((t) => t.domain.slug === SLUG)).toBe(true);
    expect(data.train.length - train.length).toBeGreaterThan(0); // the cases are still there
    expect(data.label).toMatch(new RegExp(`\\+ ${ids.length - 2} problems \\(2 unverified or rejected left out\\)$`));

    const casesOnly = loadTrainingData({ db, ref: { kind: "domain", domainSlug: SLUG, validationRatio: 0.25 } });
    expect(casesOnly.train.map((t) => t.id)).toEqual(data.train.filter((t) => !isProblemTask(t)).map((t) => t.id));
  });

  it("names a problem that is not stored or belongs to another domain", () => {
    expect(() => loadTrainingData({ db, ref: { kind: "domain", domainSlug: SLUG, validationRatio: 0.25, problems: { ids: ["p_missing"], validationRatio: 0.25 } } })).toThrow(/1 of the dataset's 1 problems are not stored \(first: p_missing\)/);
    const [other] = generateAndStore({ db, slug: "retail-orders", count: 1, seed: 1 }).problems;
    expect(() => loadTrainingData({ db, ref: { kind: "domain", domainSlug: SLUG, validationRatio: 0.25, problems: { ids: [other.id], validationRatio: 0.25 } } })).toThrow(/is in domain retail-orders, but the dataset trains on clinic-appointments/);
  });
});
