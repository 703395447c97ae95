import type { Db } from "@/db/client";
import { getPersonasByIds } from "@/db/queries/personas";
import type { TestCase } from "@/lib/cases/schema";
import { DomainError } from "@/lib/errors";
import { resolveRole } from "@/lib/llm";
import { synthesizeCase } from "@/lib/synth";
import { seedFor } from "@/lib/synth/prng";
import { rewriteCase } from "@/lib/writer";
import { loadGenerationContext, type GenerationContext } from "./context";
import { studioLlmClient, studioLlmConfig } from "./llm";
import { llmReadiness } from "./readiness";
import type { GenerateInput, GenerateItem } from "./schema";

export interface GeneratedCase {
  testCase: TestCase;
  /** "deterministic" or "llm:<writer model>". */
  generator: string;
  personaId: string;
  persona: string;
  ctx: GenerationContext;
  /** LLM rounds (2 = repaired). */
  rounds?: number;
  repairedIssues?: string[];
}

/** The seed of copy `k` of a branch: copies differ, re-runs repeat (and so hit the LLM cache). */
export const copySeed = (seed: number, k: number) => (k === 0 ? seed : seedFor(seed, `copy#${k}`));

/**
 * One item of a generation: the deterministic case for (branch, persona, k), proven; with
 * `useLlm`, rewritten by the writer model and re-checked. Throws a DomainError whose message is
 * the reason the item failed (it is stored with the item). Stores nothing.
 */
export async function generateCase({ db, input, item, signal, usageKey }: { db: Db; input: GenerateInput; item: GenerateItem; signal?: AbortSignal; usageKey?: string }): Promise<GeneratedCase> {
  const ctx = loadGenerationContext(db, input, item.revision);
  const branch = ctx.branchById.get(item.branchId);
  if (!branch) throw new DomainError("invalid", `Revision ${ctx.revision} of the tree has no branch "${item.branchId}".`);
  const where = branch.labels.slice(1).join(" › ") || branch.id;
  const persona = getPersonasByIds({ db, ids: [item.personaId] }).get(item.personaId)!;
  const seed = copySeed(input.personaSample.seed, item.k);
  const synth = synthesizeCase(ctx.doc, branch, ctx.domain, {
    seed, personas: [{ id: persona.id, persona: persona.persona }], treeId: ctx.treeId, revision: ctx.revision, treeName: ctx.treeName,
  });
  if (!synth.ok) throw new DomainError("invalid", `${where}: no database or facts reach this branch (${synth.reason})`);
  const base = { personaId: persona.id, persona: persona.persona, ctx };
  if (!input.useLlm) return { ...base, testCase: synth.case, generator: "deterministic" };

  if (!synth.case.proof?.verified) {
    throw new DomainError("invalid", `${where}: the deterministic case failed its proof (${synth.case.proof?.reasons.join("; ") ?? "no proof"}), so it was not sent to the writer`);
  }
  const config = studioLlmConfig(db, input.models);
  const ready = llmReadiness(config, "writer");
  if (!ready.configured) throw new DomainError("invalid", `The LLM writer is not configured: missing ${ready.missing.join("; ")}.`);
  const client = studioLlmClient(db, config);
  const out = await rewriteCase(client, synth.case, persona, ctx.domain, { doc: ctx.doc, signal, seed, usageKeys: usageKey ? [usageKey] : undefined });
  if (!out.ok) throw new DomainError("invalid", `${where}: ${out.reason}`, { issues: out.issues });
  return { ...base, testCase: out.case, generator: `llm:${resolveRole(config, "writer").model}`, rounds: out.rounds, repairedIssues: out.repairedIssues };
}
