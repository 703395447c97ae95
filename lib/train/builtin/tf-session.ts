import type { Engine } from "./act";
import { disposeCache, extend, type KvCache, type ModelConfig, type Weights } from "./model";

/** The tfjs network as an engine (one sequence, a key/value cache of tensors): for big networks on a GPU. */
export class TfSession implements Engine {
  private cache: KvCache | null = null;

  constructor(
    private readonly weights: Weights,
    private readonly config: ModelConfig,
  ) {}

  /** Logits of the token after `ids` (a sequence that only ever grows). */
  async next(ids: readonly number[]): Promise<Float32Array> {
    const seen = this.cache?.seen ?? 0;
    const { logits, cache } = await extend(this.weights, this.config, this.cache, ids.slice(seen));
    this.cache = cache;
    return logits;
  }

  dispose(): void {
    if (this.cache) disposeCache(this.cache);
    this.cache = null;
  }
}
