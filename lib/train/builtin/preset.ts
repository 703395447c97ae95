import type { RoundSpecInput } from "@/lib/train/protocol";

/**
 * The built-in backend's tested configuration (the CI learning test trains with it): a 2-layer,
 * 48-wide policy, a 40-step SFT warm start on normal-path trajectories, then GRPO. A scratch
 * policy without the warm start almost never earns reward, so the CLI and the panel start here.
 */
export const BUILTIN_PRESET = {
  model: { kind: "scratch", path: "", options: { dModel: 48, layers: 2, heads: 4, contextLength: 256 } },
  grpo: { n: 4, batchSize: 4, learningRate: 5e-4, klCoef: 0.02, maxTurns: 10 },
  sftSteps: 40,
  backendOptions: { sftLearningRate: 0.015, sftBatchSize: 8 },
} satisfies { model: RoundSpecInput["model"]; grpo: RoundSpecInput["grpo"]; sftSteps: number; backendOptions: Record<string, unknown> };

/** The context a built-in policy gets when it trains on reasoning problems: their reads outgrow a case's conversation (up to ~400 tokens). */
export const BUILTIN_PROBLEM_CONTEXT = 512;
