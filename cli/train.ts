import { studioDb } from "@/db";
import { countVerified, verifyAndStoreDomain } from "@/db/queries/verify";
import { createRun, getRun, listEvents } from "@/db/queries/train-runs";
import { BACKENDS, RoundSpec, type Backend, type DatasetRef } from "@/lib/train/protocol";
import { runRound } from "@/lib/train/round";
import { BUILTIN_PRESET } from "@/lib/train/builtin/preset";
import { summarizeEvents } from "@/lib/train/summary";
import type { Command } from "./commands";
import { args, fail, print, printJson, table } from "./io";

const USAGE = `usage: flywheel train <domain-slug | snapshot-id> [--backend ${BACKENDS.join("|")}] [--steps N] [--sft-steps N] [--seed S]
       [--model tiny-qwen3 | PATH] [--group-size N] [--batch-size N] [--lr X] [--kl X] [--eval-every N] [--json]`;

const num = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
};

/** A model argument: the built-in policy trains from scratch; anything else is a Hugging Face checkpoint (or TRL's tiny random Qwen3). */
function modelRef(backend: Backend, model: string | undefined) {
  if (!model) return backend === "builtin" ? { kind: "scratch" as const } : { kind: "hf" as const, path: "tiny-qwen3" };
  return backend === "builtin" ? { kind: "checkpoint" as const, path: model } : { kind: "hf" as const, path: model };
}

/**
 * Trains one round in this process and prints where the validation reward started and ended.
 * A domain without verified cases is verified first (the example domains ship unverified).
 */
export const trainCommand: Command = {
  async run(argv) {
    const { positionals, values } = args(argv, {
      backend: { type: "string" }, steps: { type: "string" }, "sft-steps": { type: "string" }, seed: { type: "string" }, model: { type: "string" },
      "group-size": { type: "string" }, "batch-size": { type: "string" }, lr: { type: "string" }, kl: { type: "string" }, "eval-every": { type: "string" },
    });
    const target = positionals[0];
    if (!target) throw new Error(USAGE);
    const backend = (values.backend ?? "builtin") as Backend;
    if (!BACKENDS.includes(backend)) throw new Error(`--backend must be one of ${BACKENDS.join(", ")}`);
    const db = studioDb();
    const dataset: DatasetRef = /^\d+$/.test(target) ? { kind: "snapshot", snapshotId: Number(target) } : { kind: "domain", domainSlug: target, validationRatio: 0.25 };
    if (dataset.kind === "domain" && countVerified({ db, slug: dataset.domainSlug }) === 0) {
      fail(`${dataset.domainSlug} has no verified cases yet: verifying its trees first`);
      verifyAndStoreDomain({ db, slug: dataset.domainSlug, seed: 1 });
    }
    const steps = num(values.steps, "steps");
    const builtin = backend === "builtin";
    const spec = RoundSpec.parse({
      backend,
      dataset,
      model: builtin && !values.model ? BUILTIN_PRESET.model : modelRef(backend, values.model),
      seed: num(values.seed, "seed") ?? 0,
      grpo: { ...(builtin ? BUILTIN_PRESET.grpo : {}), ...defined({ n: num(values["group-size"], "group-size"), batchSize: num(values["batch-size"], "batch-size"), learningRate: num(values.lr, "lr"), klCoef: num(values.kl, "kl") }) },
      backendOptions: builtin ? BUILTIN_PRESET.backendOptions : {},
      schedule: { steps, sftSteps: num(values["sft-steps"], "sft-steps") ?? (builtin ? BUILTIN_PRESET.sftSteps : undefined), evalEvery: num(values["eval-every"], "eval-every") ?? Math.max(1, steps ?? 20), saveEvery: Math.max(1, steps ?? 20) },
    });
    const run = createRun({ db, spec: { ...spec, name: spec.name || `${backend} (cli)` }, createdBy: "cli" });
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
    if (!values.json) fail(`run ${run.id}: training with ${backend}… (Ctrl-C stops it and keeps a checkpoint)`);
    const status = await runRound({ db, runId: run.id, signal: controller.signal });
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    const summary = summarizeEvents(listEvents({ db, runId: run.id }));
    const out = { run_id: run.id, status, ...summary };
    if (values.json) printJson(out);
    else {
      print(table([["run", "status", "steps", "initial reward", "final reward", "checkpoint"], [run.id, status, summary.steps, fmt(summary.initial_reward), fmt(summary.final_reward), summary.checkpoint ?? "-"]]));
      if (status === "FAILED") fail(getRun({ db, id: run.id }).message);
    }
    return status === "SUCCEEDED" ? 0 : 1;
  },
};

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

const fmt = (x: number | null) => (x === null ? "-" : x.toFixed(3));
