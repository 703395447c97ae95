import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { planSplit, splitItem } from "@/lib/export";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import type { EpisodeTask } from "@/lib/rollout";
import { normalTrajectory } from "@/lib/sim/trajectory";
import { synthesizeTree } from "@/lib/synth";
import type { TreeDoc } from "@/lib/tree/schema";
import { buildVocab, type Vocab } from "./vocab";

const synthesized = new Map<string, EpisodeTask[]>();

/** Test data: a domain's example cases synthesized in memory (seed 1), as episode tasks; once per process. */
export function exampleTasks(domain: DomainSpec, trees: { name: string; doc: TreeDoc }[]): EpisodeTask[] {
  const known = synthesized.get(domain.slug);
  if (known) return known;
  const tasks = trees.flatMap((tree, t) =>
    synthesizeTree(tree.doc, domain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: tree.name }).cases.map((testCase: TestCase, i) => ({
      id: `${domain.slug}-${t}-${i}`,
      testCase,
      domain,
    })),
  );
  synthesized.set(domain.slug, tasks);
  return tasks;
}

let clinic: { train: EpisodeTask[]; validation: EpisodeTask[] } | undefined;

/** The clinic example's cases with the studio's grouped split (validation ratio 0.25, seed 1). */
export function clinicSplit(): { train: EpisodeTask[]; validation: EpisodeTask[] } {
  if (clinic) return clinic;
  const tasks = exampleTasks(clinicDomain, clinicTrees);
  const plan = planSplit(tasks.map(splitItem), { seed: 1, validationRatio: 0.25 });
  clinic = { train: tasks.filter((t) => plan.assignment.get(t.id) === "train"), validation: tasks.filter((t) => plan.assignment.get(t.id) === "validation") };
  return clinic;
}

/** A vocabulary from the tasks' normal trajectories. */
export function vocabFor(tasks: EpisodeTask[]): Vocab {
  return buildVocab({ domain: tasks[0].domain, cases: tasks.map((t) => t.testCase), conversations: tasks.map((t) => normalTrajectory(t.testCase, t.domain)) });
}
