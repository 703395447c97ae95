import fs from "node:fs";
import path from "node:path";
import { DomainError } from "@/lib/errors";
import type { ModelConfig } from "./network";
import { Vocab, type VocabSpec } from "./vocab";

/**
 * A checkpoint is a directory: config.json (format, network configuration, the weight manifest
 * and run metadata), vocab.json (the vocabulary the policy reads and speaks) and weights.bin
 * (float32, little-endian, in manifest order). config.json is written last, so a directory
 * with one is complete.
 */
export const CHECKPOINT_FORMAT = "flywheel-builtin-policy/1";

export interface CheckpointMeta {
  step: number;
  /** What produced it: "sft", "grpo", "stop" … */
  phase: string;
  seed: number;
  /** The run's decoding settings, for agents loaded from it. */
  temperature?: number;
  maxTurns?: number;
}

export interface ConfigFile {
  format: string;
  model: ModelConfig;
  weights: { name: string; shape: number[]; offset: number }[];
  meta: CheckpointMeta;
}

const readJson = (file: string) => {
  if (!fs.existsSync(file)) throw new DomainError("not_found", `${file} is missing: not a built-in policy checkpoint`);
  return JSON.parse(fs.readFileSync(file, "utf8"));
};

/** A checkpoint's contents without tfjs (the agent decodes with the JS sampler and needs no tensors). */
export function readCheckpoint(dir: string): { config: ModelConfig; vocab: Vocab; values: Record<string, Float32Array>; meta: CheckpointMeta } {
  const config = readJson(path.join(dir, "config.json")) as ConfigFile;
  if (config.format !== CHECKPOINT_FORMAT) throw new DomainError("invalid", `${dir} holds a "${config.format}" checkpoint; expected ${CHECKPOINT_FORMAT}`);
  const vocab = new Vocab(readJson(path.join(dir, "vocab.json")) as VocabSpec);
  if (vocab.size !== config.model.vocabSize) throw new DomainError("invalid", `${dir}: vocab.json has ${vocab.size} tokens but the network expects ${config.model.vocabSize}`);
  const buf = fs.readFileSync(path.join(dir, "weights.bin"));
  const all = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const values: Record<string, Float32Array> = {};
  for (const w of config.weights) {
    const size = w.shape.reduce((a, b) => a * b, 1);
    if (w.offset + size > all.length) throw new DomainError("invalid", `${dir}: weights.bin is too short for ${w.name}`);
    values[w.name] = all.subarray(w.offset, w.offset + size);
  }
  return { config: config.model, vocab, values, meta: config.meta };
}
