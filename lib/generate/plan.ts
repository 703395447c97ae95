import { DomainError } from "@/lib/errors";
import { assignPersonas, samplePersonas } from "@/lib/persona/sample";
import type { Branch } from "@/lib/tree/schema";
import { MAX_GENERATE_ITEMS, type GenerateInput, type GenerateItem } from "./schema";

/** The branches a job asked for, in tree order; an unknown id is an error naming it. */
export function selectBranches(all: Branch[], wanted: GenerateInput["branchIds"]): Branch[] {
  if (wanted === "all") return all;
  const known = new Set(all.map((b) => b.id));
  const unknown = wanted.filter((id) => !known.has(id));
  if (unknown.length) throw new DomainError("invalid", `The tree has no branch ${unknown.map((u) => `"${u}"`).join(", ")} (it may have been edited; reload the branch list).`, { unknown });
  const set = new Set(wanted);
  return all.filter((b) => set.has(b.id));
}

/**
 * The items of a job: for each branch, `casesPerBranch` copies, each with a persona. Personas
 * come from a seeded sample of the library and are dealt out so none repeats before all are used;
 * copies of one branch therefore get different personas whenever the sample is large enough.
 */
export function planItems(input: Pick<GenerateInput, "casesPerBranch" | "personaSample">, branches: Branch[], library: { id: string }[], revision: number): GenerateItem[] {
  if (!branches.length) throw new DomainError("invalid", "The tree has no branches to generate cases for.");
  if (!library.length) throw new DomainError("invalid", "The persona library is empty: import personas (a JSONL file of {persona, id} lines) first.");
  const total = branches.length * input.casesPerBranch;
  if (total > MAX_GENERATE_ITEMS) throw new DomainError("limit", `${branches.length} branches × ${input.casesPerBranch} cases is ${total} cases; one job makes at most ${MAX_GENERATE_ITEMS}.`);
  const sample = samplePersonas(library, input.personaSample).map((p) => p.id);
  const personas = assignPersonas(sample, total, input.personaSample.seed);
  const items: GenerateItem[] = [];
  for (const branch of branches) {
    for (let k = 0; k < input.casesPerBranch; k++) items.push({ branchId: branch.id, personaId: personas[items.length], k, revision });
  }
  return items;
}

/** `n` items spread over the plan (the preview shows different branches, not three copies of the first). */
export function spreadPick<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}
