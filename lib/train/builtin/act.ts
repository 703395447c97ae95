import { nextAllowed } from "./grammar";
import type { Observation } from "./observation";

/**
 * Generating one action: token by token under the grammar. A forced token (one choice) is
 * appended without asking the network; a real choice runs the network on the tokens it has not
 * seen yet (key/value cache) and samples from the allowed tokens only, at the temperature (or
 * takes the best, greedy). Every choice is recorded with the allowed set, so training can
 * recompute its log-probability under the same mask.
 */
export interface Decision {
  /** Index of the chosen token in the sequence (its logits come from position - 1). */
  position: number;
  allowed: number[];
  /** Sampling-time log-probability (temperature applied). */
  logprob: number;
}

export interface DecodeSettings {
  temperature: number;
  greedy: boolean;
  /** A uniform [0, 1) source (seeded). */
  random: () => number;
  /** Action tokens allowed in one turn. */
  maxNewTokens: number;
}

/** One sequence's view of a network: feeds what it has not seen yet, returns the next token's logits. */
export interface Engine {
  next(ids: readonly number[]): Float32Array | Promise<Float32Array>;
  dispose(): void;
}

/** Picks among `allowed` from logits: greedy, or sampled at the temperature; returns the token and its log-probability. */
export function choose(logits: Float32Array, allowed: readonly number[], settings: Pick<DecodeSettings, "temperature" | "greedy" | "random">): { token: number; logprob: number } {
  const t = settings.greedy ? 1 : settings.temperature;
  const scaled = allowed.map((a) => logits[a] / t);
  const max = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - max));
  const z = exps.reduce((a, b) => a + b, 0);
  let k = 0;
  if (settings.greedy) k = scaled.indexOf(max);
  else {
    let u = settings.random() * z;
    while (k < allowed.length - 1 && (u -= exps[k]) > 0) k++;
  }
  return { token: allowed[k], logprob: Math.log(exps[k] / z) };
}

export type ActionResult = { tokens: number[]; decisions: Decision[]; truncated: false } | { tokens: number[]; decisions: Decision[]; truncated: true; why: string };

/** Generates the agent's next action onto the observation (which gets the <agent> marker and the tokens). */
export async function generateAction(session: Engine, obs: Observation, contextLength: number, settings: DecodeSettings): Promise<ActionResult> {
  obs.promptAgent();
  const tokens: number[] = [];
  const decisions: Decision[] = [];
  const ctx = { vocab: obs.vocab, slots: obs.slots };
  for (;;) {
    const allowed = nextAllowed(ctx, tokens);
    if (!allowed.length) return { tokens, decisions, truncated: false };
    if (tokens.length >= settings.maxNewTokens) return { tokens, decisions, truncated: true, why: `the action reached maxNewTokens (${settings.maxNewTokens})` };
    if (obs.ids.length >= contextLength) return { tokens, decisions, truncated: true, why: `the conversation filled the context (${contextLength} tokens)` };
    let token = allowed[0];
    if (allowed.length > 1) {
      const pick = choose(await session.next(obs.ids), allowed, settings);
      token = pick.token;
      decisions.push({ position: obs.ids.length, allowed: [...allowed], logprob: pick.logprob });
    }
    obs.ids.push(token);
    tokens.push(token);
  }
}
