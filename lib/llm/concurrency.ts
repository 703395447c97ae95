/**
 * AIMD concurrency limiter (the TCP congestion rule applied to an LLM endpoint): start at the
 * configured maximum; on a rate-limit answer halve the limit (floor 1); after `increaseAfter`
 * successes in a row at the current limit, add one slot back, up to the maximum.
 *
 * A burst of 429s from calls that were all in flight together counts as one signal: only a call
 * started after the latest decrease can decrease again, otherwise one burst of 16 would drive
 * the limit from 16 to 1 in a single moment.
 */
export interface AimdOptions {
  max: number;
  increaseAfter: number;
  /** Decides whether a failed `fn` was the endpoint saying "slow down". */
  isRateLimited: (error: unknown) => boolean;
}

export class AimdLimiter {
  private current: number;
  private running = 0;
  private successes = 0;
  /** Bumped on each decrease; a call remembers the epoch it started in. */
  private epoch = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly opts: AimdOptions) {
    if (!Number.isInteger(opts.max) || opts.max < 1) throw new RangeError(`AIMD max must be an integer ≥ 1, got ${opts.max}`);
    if (!Number.isInteger(opts.increaseAfter) || opts.increaseAfter < 1) {
      throw new RangeError(`AIMD increaseAfter must be an integer ≥ 1, got ${opts.increaseAfter}`);
    }
    this.current = opts.max;
  }

  /** The current concurrency limit. */
  get limit(): number {
    return this.current;
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `fn` when a slot is free (FIFO) and feeds its outcome back into the limit. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    // A slot is taken on the caller's behalf before it wakes, so no newcomer can slip in between.
    if (this.running < this.current && this.waiting.length === 0) this.running += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    const startedIn = this.epoch;
    try {
      const value = await fn();
      this.onSuccess();
      return value;
    } catch (error) {
      if (this.opts.isRateLimited(error)) this.onRateLimited(startedIn);
      throw error;
    } finally {
      this.running -= 1;
      this.drain();
    }
  }

  private onSuccess(): void {
    if (this.current >= this.opts.max) return;
    this.successes += 1;
    if (this.successes >= this.opts.increaseAfter) {
      this.current += 1;
      this.successes = 0;
    }
  }

  private onRateLimited(startedIn: number): void {
    this.successes = 0;
    if (startedIn < this.epoch) return;
    this.current = Math.max(1, Math.floor(this.current / 2));
    this.epoch += 1;
  }

  private drain(): void {
    while (this.running < this.current && this.waiting.length > 0) {
      this.running += 1;
      this.waiting.shift()!();
    }
  }
}
