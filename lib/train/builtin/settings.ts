import { z } from "zod";
import { DomainError } from "@/lib/errors";
import type { RoundSpec } from "@/lib/train/protocol";
import { policySize, type PolicySize, type Sampler } from "./policy";

/**
 * The built-in trainer's own knobs (RoundSpec.backendOptions), beside the round's GRPO settings
 * and schedule. Defaults suit the small policy: a fast SFT warm start, two PPO mini-batches per
 * step (so the second sees a moved policy and the clip can act), gradient clipping at 1.
 */
export const BuiltinOptions = z.object({
  sftLearningRate: z.number().positive().max(1).default(1e-2),
  /** Oracle conversations per SFT step. */
  sftBatchSize: z.number().int().min(1).max(4096).default(16),
  /** Wording variants (seeds) of each oracle conversation in the SFT pool. */
  sftWordings: z.number().int().min(1).max(64).default(3),
  ppoMiniBatches: z.number().int().min(1).max(256).default(2),
  ppoEpochs: z.number().int().min(1).max(16).default(1),
  maxGradNorm: z.number().positive().default(1),
  /** verl's algorithm.norm_adv_by_std_in_grpo (false: Dr. GRPO). */
  normAdvByStd: z.boolean().default(true),
  /** Sample events per GRPO step. */
  samplesPerStep: z.number().int().min(0).max(64).default(2),
});
export type BuiltinOptions = z.infer<typeof BuiltinOptions>;

export interface BuiltinSettings {
  options: BuiltinOptions;
  size: PolicySize;
  /** The tfjs backend wished for (model option `backend`), if any. */
  tfBackend?: string;
  /** Where rollouts decode (model option `sampler`: auto, the default, js or tfjs). */
  sampler: Sampler;
}

export function builtinSettings(spec: RoundSpec): BuiltinSettings {
  const known = new Set(Object.keys(BuiltinOptions.shape));
  const own = Object.fromEntries(Object.entries(spec.backendOptions).filter(([k]) => known.has(k)));
  const parsed = BuiltinOptions.safeParse(own);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("invalid", `backendOptions.${issue.path.join(".")}: ${issue.message}`);
  }
  const { backend, sampler = "auto", ...size } = spec.model.options;
  if (sampler !== "js" && sampler !== "tfjs" && sampler !== "auto") throw new DomainError("invalid", `model option sampler must be "auto", "js" or "tfjs", got ${String(sampler)}`);
  return { options: parsed.data, size: policySize(size), tfBackend: backend === undefined ? undefined : String(backend), sampler };
}
