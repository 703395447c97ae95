import { BUILTIN_PRESET, BUILTIN_PROBLEM_CONTEXT } from "@/lib/train/builtin/preset";
import { GrpoSettings, Schedule, type Backend, type DatasetRef, type RoundSpecInput } from "@/lib/train/protocol";

/** The "New round" form as typed: strings, so a half-typed number is never lost. */
export type RoundDraft = {
  name: string;
  backend: Backend;
  /** "domain:<slug>" or "snapshot:<id>". */
  dataset: string;
  validationRatio: string;
  /** Built-in: a checkpoint folder to continue from (empty: a fresh policy). TRL / verl: the model to train. */
  modelPath: string;
  dModel: string;
  layers: string;
  /** TRL: train a LoRA adapter instead of every weight. */
  lora: boolean;
  loraRank: string;
  grpo: Record<keyof GrpoSettings, string>;
  schedule: Record<keyof Schedule, string>;
  seed: string;
  /** Also train on the dataset domain's verified reasoning problems (resolved to ids by the server). */
  withProblems: boolean;
};

const strings = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) as Record<keyof T, string>;

/**
 * TRL trains pretrained checkpoints: a full fine-tune wants a learning rate near 1e-6 (the spec's
 * 1e-3 suits only a scratch policy) and a tool call in JSON needs more than 48 new tokens.
 */
const TRL_START = { learningRate: 1e-6, maxNewTokens: 256 };

/** The model, GRPO and schedule fields a backend starts from; `withBackend` applies them. */
function backendDefaults(backend: Backend): Pick<RoundDraft, "backend" | "modelPath" | "dModel" | "layers" | "lora" | "loraRank" | "grpo" | "schedule"> {
  const grpo = strings(GrpoSettings.parse(backend === "builtin" ? BUILTIN_PRESET.grpo : backend === "trl" ? TRL_START : {}));
  const schedule = strings(Schedule.parse(backend === "builtin" ? { sftSteps: BUILTIN_PRESET.sftSteps } : {}));
  const size = backend === "builtin" ? BUILTIN_PRESET.model.options : { dModel: "", layers: "" };
  return { backend, modelPath: "", dModel: String(size.dModel), layers: String(size.layers), lora: false, loraRank: "16", grpo, schedule };
}

/**
 * Switching backend resets the model, GRPO and schedule fields to that backend's tested start
 * (the built-in policy needs its SFT warm start and sizes; TRL starts from the spec's defaults)
 * and keeps the name, dataset and seed.
 */
export const withBackend = (d: RoundDraft, backend: Backend): RoundDraft => ({ ...d, ...backendDefaults(backend) });

/** A new form: the built-in backend's preset (the configuration CI trains with). */
export function defaultDraft(dataset = "", backend: Backend = "builtin"): RoundDraft {
  return { name: "", dataset, validationRatio: "0.25", seed: "0", withProblems: false, ...backendDefaults(backend) };
}

/** A typed number, or undefined (the spec's default) when the field is empty. */
const optNum = (s: string) => (s.trim() === "" ? undefined : Number(s));

function numbers<K extends string>(o: Record<K, string>, keep: K[] = []): Record<K, number | string | undefined> {
  return Object.fromEntries(Object.entries<string>(o).map(([k, v]) => [k, keep.includes(k as K) ? v : optNum(v)])) as Record<K, number | string | undefined>;
}

export function parseDatasetChoice(choice: string, validationRatio: string): DatasetRef | undefined {
  const [kind, ...rest] = choice.split(":");
  const value = rest.join(":");
  if (kind === "snapshot") return { kind: "snapshot", snapshotId: Number(value) };
  if (kind === "domain" && value) return { kind: "domain", domainSlug: value, validationRatio: optNum(validationRatio) ?? 0.25 };
  return undefined;
}

/** A problem's reads outgrow a case's conversation: the built-in policy gets this context for them. */
export const PROBLEM_CONTEXT = BUILTIN_PROBLEM_CONTEXT;

/** The round spec the API validates (it names any field that is out of range). */
export function draftToSpec(d: RoundDraft): RoundSpecInput {
  const builtin = d.backend === "builtin";
  const context = builtin && d.withProblems ? { contextLength: Math.max(PROBLEM_CONTEXT, BUILTIN_PRESET.model.options.contextLength) } : {};
  const sizes = { ...(builtin ? BUILTIN_PRESET.model.options : {}), ...context, dModel: optNum(d.dModel), layers: optNum(d.layers) };
  const options = Object.fromEntries(Object.entries(sizes).filter(([, v]) => v !== undefined)) as Record<string, number>;
  const lora: Record<string, number | boolean> = d.lora ? { lora: true, loraRank: optNum(d.loraRank) ?? 16 } : {};
  const model = builtin
    ? { kind: d.modelPath.trim() ? ("checkpoint" as const) : ("scratch" as const), path: d.modelPath.trim(), options }
    : { kind: "hf" as const, path: d.modelPath.trim(), options: d.backend === "trl" ? lora : {} };
  return {
    name: d.name.trim(),
    backend: d.backend,
    model,
    dataset: parseDatasetChoice(d.dataset, d.validationRatio) as DatasetRef,
    grpo: numbers(d.grpo, ["lossAggMode"]) as RoundSpecInput["grpo"],
    schedule: numbers(d.schedule) as RoundSpecInput["schedule"],
    seed: optNum(d.seed),
    backendOptions: builtin ? BUILTIN_PRESET.backendOptions : {},
  };
}
