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
  grpo: Record<keyof GrpoSettings, string>;
  schedule: Record<keyof Schedule, string>;
  seed: string;
};

const strings = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])) as Record<keyof T, string>;

/** Defaults: the spec's own, with a short schedule that finishes in minutes on a CPU. */
export function defaultDraft(dataset = ""): RoundDraft {
  return {
    name: "",
    backend: "builtin",
    dataset,
    validationRatio: "0.25",
    modelPath: "",
    dModel: "",
    layers: "",
    grpo: strings(GrpoSettings.parse({})),
    schedule: strings(Schedule.parse({})),
    seed: "0",
  };
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

/** The round spec the API validates (it names any field that is out of range). */
export function draftToSpec(d: RoundDraft): RoundSpecInput {
  const options = Object.fromEntries(Object.entries({ dModel: optNum(d.dModel), layers: optNum(d.layers) }).filter(([, v]) => v !== undefined)) as Record<string, number>;
  const model =
    d.backend === "builtin"
      ? { kind: d.modelPath.trim() ? ("checkpoint" as const) : ("scratch" as const), path: d.modelPath.trim(), options }
      : { kind: "hf" as const, path: d.modelPath.trim(), options: {} };
  return {
    name: d.name.trim(),
    backend: d.backend,
    model,
    dataset: parseDatasetChoice(d.dataset, d.validationRatio) as DatasetRef,
    grpo: numbers(d.grpo, ["lossAggMode"]) as RoundSpecInput["grpo"],
    schedule: numbers(d.schedule) as RoundSpecInput["schedule"],
    seed: optNum(d.seed),
  };
}
