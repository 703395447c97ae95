import { z } from "zod";
import { studioDb } from "@/db";
import type { Db } from "@/db/client";
import { getDomainById, toSpec } from "@/db/queries/domains";
import { SqliteLlmCache } from "@/db/queries/llm-cache";
import { getStoredLlmSettings } from "@/db/queries/settings";
import { getTree } from "@/db/queries/trees";
import { DomainError } from "@/lib/errors";
import { registerJobKind } from "@/lib/jobs/registry";
import { createLlmClient } from "@/lib/llm/client";
import { isConfigured, loadLlmConfig, type LlmConfig } from "@/lib/llm/config";
import type { TreeDoc } from "@/lib/tree/schema";
import { expandWorkflowLlm } from "./llm";

/**
 * `tree.expand`: one item, the LLM expansion of a workflow against a stored tree (its latest
 * revision is the tree the model extends). A job, not a request, because a model may take a
 * minute; the item's result is the proposal, and a failed expansion is a failed item whose
 * error lists the reasons. Tokens and cost are reported on the item.
 */
export const EXPAND_KIND = "tree.expand";

export const ExpandJobInput = z.object({
  treeId: z.number().int().positive(),
  steps: z.array(z.string().trim().min(1).max(500)).min(1).max(40),
});
export type ExpandJobInput = z.infer<typeof ExpandJobInput>;

export type ExpandJobResult = { doc: TreeDoc; notes: string[]; rounds: number; baseRevision: number };

/** Environment, then what an admin saved on the Settings page. */
export function expanderConfig(db: Db): LlmConfig {
  return loadLlmConfig({ env: process.env, stored: getStoredLlmSettings({ db }) });
}

export const isExpanderConfigured = (db: Db) => isConfigured(expanderConfig(db), "expander");

export const expandJob = registerJobKind<ExpandJobInput, ExpandJobInput, ExpandJobResult>({
  kind: EXPAND_KIND,
  parseInput: (raw) => ExpandJobInput.parse(raw),
  prepareItems: (input) => {
    const db = studioDb();
    getTree({ db, id: input.treeId }); // a missing tree fails the request, not the job
    if (!isExpanderConfigured(db)) {
      throw new DomainError("invalid", "No LLM provider is configured for the expander: set a base URL and a model on the Settings page (or FLYWHEEL_LLM_BASE_URL and FLYWHEEL_LLM_MODEL), or use the deterministic expander.");
    }
    return [input];
  },
  concurrency: 2,
  async runItem(item, { signal, reportUsage }) {
    const db = studioDb();
    const tree = getTree({ db, id: item.treeId });
    const domain = toSpec(getDomainById({ db, id: tree.domainId }));
    const client = createLlmClient(expanderConfig(db), {
      cache: new SqliteLlmCache(db),
      onUsage: (e) => reportUsage({ promptTokens: e.usage.promptTokens, completionTokens: e.usage.completionTokens, cost: e.cost ?? 0 }),
    });
    const out = await expandWorkflowLlm(client, { steps: item.steps, domain, currentTree: tree.document, signal });
    if (!out.ok) throw new Error(out.reasons.join("\n"));
    return { doc: out.doc, notes: out.notes, rounds: out.rounds, baseRevision: tree.revision };
  },
});
