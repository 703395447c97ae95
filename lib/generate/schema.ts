import { z } from "zod";

/** At most this many cases per job (branches × cases per branch). */
export const MAX_GENERATE_ITEMS = 20_000;

/**
 * A `cases.generate` job's input: ids and parameters only. The tree revision is pinned when the
 * items are planned, so editing the tree mid-job does not change what the job makes.
 */
export const GenerateInput = z.object({
  domainSlug: z.string().trim().min(1),
  treeId: z.number().int().positive(),
  branchIds: z.union([z.literal("all"), z.array(z.string().min(1)).min(1, "pick at least one branch")]).default("all"),
  casesPerBranch: z.number().int().min(1).max(100).default(1),
  personaSample: z.object({
    count: z.number().int().min(1).max(100_000),
    seed: z.number().int().min(0).max(2 ** 31 - 1),
  }),
  /** false: the deterministic generator only (no provider needed). */
  useLlm: z.boolean(),
  /** Per-job model overrides, on top of the settings. */
  models: z.object({ writer: z.string().trim().min(1).optional() }).optional(),
});
export type GenerateInput = z.infer<typeof GenerateInput>;

/** One item: which branch, which persona, which copy (k) of the branch, at which tree revision. */
export const GenerateItem = z.object({
  branchId: z.string(),
  personaId: z.string(),
  k: z.number().int().min(0),
  revision: z.number().int().positive(),
});
export type GenerateItem = z.infer<typeof GenerateItem>;

export type GenerateResult = {
  caseId: number;
  verified: boolean;
  generator: string;
  personaId: string;
  branchId: string;
  /** LLM rounds (2 = a repair was needed); absent for the deterministic generator. */
  rounds?: number;
};
