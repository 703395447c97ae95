import { createRng } from "@/lib/synth/prng";

/**
 * `count` distinct personas from the library, chosen by seed (the same library and seed give the
 * same sample). The library is sorted by id first, so the order rows come back in does not matter.
 * A count above the library size takes the whole library.
 */
export function samplePersonas<P extends { id: string }>(library: readonly P[], { count, seed }: { count: number; seed: number }): P[] {
  const sorted = [...library].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createRng(seed).sample(sorted, Math.max(0, Math.min(count, sorted.length)));
}

/**
 * A persona for each of `n` cases, spread evenly: the sample is dealt out in rounds, each round a
 * fresh seeded shuffle, so no persona comes up a second time before every one has come up once,
 * and a round never starts with the persona the previous one ended on.
 */
export function assignPersonas<P>(sample: readonly P[], n: number, seed: number): P[] {
  if (n <= 0) return [];
  if (sample.length === 0) return [];
  const rng = createRng(seed ^ 0x5bd1e995);
  const out: P[] = [];
  while (out.length < n) {
    const round = rng.sample(sample, sample.length);
    if (out.length && round.length > 1 && round[0] === out[out.length - 1]) {
      const j = 1 + rng.int(round.length - 1);
      [round[0], round[j]] = [round[j], round[0]];
    }
    out.push(...round.slice(0, n - out.length));
  }
  return out;
}
