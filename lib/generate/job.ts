import { studioDb } from "@/db";
import { storeGeneratedCase } from "@/db/queries/generated-cases";
import { listPersonas } from "@/db/queries/personas";
import { DomainError } from "@/lib/errors";
import { registerJobKind } from "@/lib/jobs/registry";
import { loadGenerationContext } from "./context";
import { generateCase } from "./generate-case";
import { studioLlmConfig, withUsageReporter } from "./llm";
import { planItems, selectBranches } from "./plan";
import { llmReadiness } from "./readiness";
import { GenerateInput, type GenerateItem, type GenerateResult } from "./schema";

export const GENERATE_KIND = "cases.generate";

/** Items, checked before anything is stored: the tree and its branches, the persona library, and the provider when the LLM is on. */
export function prepareGenerateItems(input: GenerateInput): GenerateItem[] {
  const db = studioDb();
  const ctx = loadGenerationContext(db, input);
  const branches = selectBranches(ctx.branches, input.branchIds);
  if (input.useLlm) {
    const ready = llmReadiness(studioLlmConfig(db, input.models), "writer");
    if (!ready.configured) {
      throw new DomainError("invalid", `The LLM writer is not configured: missing ${ready.missing.join("; ")}. Or turn the LLM off to use the deterministic generator.`, { missing: ready.missing });
    }
  }
  return planItems(input, branches, listPersonas({ db }), ctx.revision);
}

/**
 * `cases.generate`: each item synthesizes and proves one case for (branch, persona, k), has the
 * writer model rewrite its words when `useLlm` is on, and stores it (generator "deterministic"
 * or "llm:<model>", with its persona). A failed item keeps its reason; tokens and cost are
 * reported per item; the SQLite LLM cache makes a re-run free for what was already answered.
 */
export const generateCasesJob = registerJobKind<GenerateInput, GenerateItem, GenerateResult>({
  kind: GENERATE_KIND,
  parseInput: (raw) => GenerateInput.parse(raw),
  prepareItems: prepareGenerateItems,
  concurrency: 8,
  async runItem(item, { signal, jobInput, jobId, idx, reportUsage }) {
    const db = studioDb();
    const usageKey = `job:${jobId}#${idx}`;
    const made = await withUsageReporter(
      usageKey,
      (e) => reportUsage({ promptTokens: e.usage.promptTokens, completionTokens: e.usage.completionTokens, cost: e.cost ?? 0 }),
      () => generateCase({ db, input: jobInput, item, signal, usageKey }),
    );
    signal.throwIfAborted();
    const stored = storeGeneratedCase({
      db,
      item: { domainId: made.ctx.domainId, treeId: made.ctx.treeId, treeRevision: made.ctx.revision, testCase: made.testCase, generator: made.generator, personaId: made.personaId, jobId, idx },
    });
    return { caseId: stored.id, verified: stored.verified, generator: made.generator, personaId: made.personaId, branchId: item.branchId, ...(made.rounds ? { rounds: made.rounds } : {}) };
  },
});
