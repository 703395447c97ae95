import type { ModelRef } from "@/lib/train/protocol";
import type { RoundOutput } from "./records";
import type { Project } from "./schema";

/**
 * The policy a round starts from, as an eval agent spec, and the model its training starts from.
 * Round 1 starts from the project's base model; later rounds from the previous round's output.
 * A backend's untrained base has no agent spec (a scratch built-in policy has no checkpoint yet;
 * a Hugging Face base is evaluated once trained): its "before" evaluation is skipped, with why.
 */
export function startingPolicy(project: Project, previous: RoundOutput | null): { policy: string | null; model: ModelRef | null } {
  if (previous) return { policy: project.settings.evalAgent ?? previous.policy, model: previous.model };
  const base = project.baseModel;
  switch (project.backend) {
    case "none":
      return { policy: base, model: null };
    case "builtin":
      return base === "scratch"
        ? { policy: project.settings.evalAgent ?? null, model: { kind: "scratch", path: "", options: project.settings.train.modelOptions } }
        : { policy: project.settings.evalAgent ?? `builtin:${base}`, model: { kind: "checkpoint", path: base, options: project.settings.train.modelOptions } };
    default:
      return { policy: project.settings.evalAgent ?? null, model: { kind: "hf", path: base === "scratch" ? "tiny-qwen3" : base, options: project.settings.train.modelOptions } };
  }
}

/** The eval agent of a checkpoint a backend wrote (verl checkpoints need a served model: settings.evalAgent). */
export function trainedPolicy(project: Project, checkpoint: string | null): { policy: string | null; model: ModelRef | null } {
  const options = project.settings.train.modelOptions;
  if (!checkpoint) return { policy: project.settings.evalAgent ?? null, model: null };
  switch (project.backend) {
    case "builtin":
      return { policy: project.settings.evalAgent ?? `builtin:${checkpoint}`, model: { kind: "checkpoint", path: checkpoint, options } };
    case "trl":
      return { policy: project.settings.evalAgent ?? `trl:${checkpoint}`, model: { kind: "hf", path: checkpoint, options } };
    default:
      return { policy: project.settings.evalAgent ?? null, model: { kind: "hf", path: checkpoint, options } };
  }
}

export const NO_POLICY_NOTE = "no evaluable policy yet: a scratch built-in policy has no checkpoint before its first round, and a backend's base model needs settings.evalAgent (an agent spec such as openai:<model>) to be evaluated";
