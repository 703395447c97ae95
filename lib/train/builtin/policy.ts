import * as tf from "@tensorflow/tfjs-core";
import { DomainError } from "@/lib/errors";
import type { Engine } from "./act";
import { TfSession } from "./tf-session";
import { JsNet } from "./jsnet";
import { initialValues, weightShapes, type ModelConfig, type Weights } from "./model";
import type { Vocab } from "./vocab";

/** What plays episodes: the vocabulary, the context and a fresh engine per episode. */
export interface Actor {
  vocab: Vocab;
  contextLength: number;
  engine(): Engine;
}

/**
 * Where the sampler computes: plain JS (a tiny network decodes faster there than through tfjs's
 * per-kernel dispatch), tfjs (bigger networks, or a GPU), or auto: JS up to d_model 64.
 */
export type Sampler = "js" | "tfjs" | "auto";

/** Size knobs of the built-in policy (RoundSpec.model.options), with small defaults that learn in seconds on a CPU. */
export interface PolicySize {
  dModel: number;
  layers: number;
  heads: number;
  contextLength: number;
  slots: number;
  positions?: "alibi" | "learned";
}

export const DEFAULT_SIZE: PolicySize = { dModel: 64, layers: 2, heads: 4, contextLength: 384, slots: 48 };

/** Reads the size knobs from model options, checking them. */
export function policySize(options: Record<string, unknown>): PolicySize {
  const size = { ...DEFAULT_SIZE };
  const positions = options.positions;
  if (positions !== undefined && positions !== "alibi" && positions !== "learned") throw new DomainError("invalid", `model option positions must be "alibi" or "learned", got ${String(positions)}`);
  if (positions) size.positions = positions;
  for (const k of Object.keys(DEFAULT_SIZE) as Exclude<keyof PolicySize, "positions">[]) {
    if (options[k] === undefined) continue;
    const n = Number(options[k]);
    if (!Number.isInteger(n) || n < 1 || n > 8192) throw new DomainError("invalid", `model option ${k} must be a whole number from 1 to 8192, got ${String(options[k])}`);
    size[k] = n;
  }
  if (size.dModel % size.heads) throw new DomainError("invalid", `model option dModel (${size.dModel}) must be a multiple of heads (${size.heads})`);
  return size;
}

/** The trainable policy: its vocabulary, its network's configuration and its weights (tf.Variables). */
export class Policy {
  readonly variables: Record<string, tf.Variable>;

  constructor(
    readonly config: ModelConfig,
    readonly vocab: Vocab,
    values: Record<string, Float32Array>,
  ) {
    const shapes = weightShapes(config);
    this.variables = {};
    for (const [name, shape] of Object.entries(shapes)) {
      const v = values[name];
      const size = shape.reduce((a, b) => a * b, 1);
      if (!v || v.length !== size) throw new DomainError("invalid", `weight ${name} should hold ${size} values (shape ${shape.join("×")}), got ${v?.length ?? "none"}`);
      this.variables[name] = tf.variable(tf.tensor(v, shape), true);
    }
  }

  static fresh(vocab: Vocab, size: PolicySize, seed: number): Policy {
    const config: ModelConfig = { vocabSize: vocab.size, contextLength: size.contextLength, dModel: size.dModel, layers: size.layers, heads: size.heads, positions: size.positions };
    return new Policy(config, vocab, initialValues(config, seed));
  }

  get weights(): Weights {
    return this.variables;
  }

  get parameterCount(): number {
    return Object.values(this.variables).reduce((n, v) => n + v.size, 0);
  }

  /** A frozen copy of the current weights (the KL reference); dispose it with disposeWeights. */
  frozen(): Weights {
    return Object.fromEntries(Object.entries(this.variables).map(([k, v]) => [k, tf.keep(v.clone())]));
  }

  /** The weights as plain arrays (checkpoints, the JS sampler); read asynchronously, as WebGPU requires. */
  async values(): Promise<Record<string, Float32Array>> {
    const entries = Object.entries(this.variables);
    const arrays = await Promise.all(entries.map(([, v]) => v.data() as Promise<Float32Array>));
    return Object.fromEntries(entries.map(([k], i) => [k, arrays[i]]));
  }

  /** An actor on the current weights (the JS sampler copies them: make a new actor after an update). */
  async actor(sampler: Sampler = "auto"): Promise<Actor> {
    const js = sampler === "js" || (sampler === "auto" && this.config.dModel <= 64);
    const net = js ? new JsNet(this.config, await this.values()) : null;
    return { vocab: this.vocab, contextLength: this.config.contextLength, engine: () => net?.session() ?? new TfSession(this.weights, this.config) };
  }

  dispose(): void {
    for (const v of Object.values(this.variables)) v.dispose();
  }
}

export function disposeWeights(w: Weights): void {
  for (const t of Object.values(w)) t.dispose();
}
