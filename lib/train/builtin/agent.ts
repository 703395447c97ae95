import { assistantText, type AssistantMessage, type ChatMessage } from "@/lib/chat/schema";
import type { Agent } from "@/lib/rollout/agent";
import { doneLine } from "@/lib/sim/agent-phrasing";
import { generateAction } from "./act";
import { readCheckpoint } from "./checkpoint-files";
import { decodeAction } from "./codec";
import { JsNet } from "./jsnet";
import { observe } from "./observation";

/**
 * A built-in checkpoint as an Agent (the eval harness's `builtin:<dir>`): it re-reads the whole
 * conversation each turn (its own past turns as action tokens, exactly as in training), decodes
 * greedily under the grammar and answers with a real assistant message. No tfjs: the JS sampler.
 * A conversation that outgrows the context gets a sign-off, as a clipped training episode ends.
 * Each turn first yields to the event loop: decoding is synchronous CPU work, and in the studio's
 * server (evaluation jobs) a whole evaluation would otherwise hold every request until it ends.
 */
export async function loadBuiltinAgent(checkpointDir: string, options: { seed?: number; maxNewTokens?: number } = {}): Promise<Agent> {
  const { config, vocab, values, meta } = readCheckpoint(checkpointDir);
  const net = new JsNet(config, values);
  const seed = options.seed ?? 0;
  return {
    name: `builtin:${checkpointDir}`,
    async act(messages: ChatMessage[], _tools, signal?: AbortSignal): Promise<AssistantMessage> {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      const obs = observe(vocab, messages);
      const session = net.session();
      const action = await generateAction(session, obs, config.contextLength, { greedy: true, temperature: meta.temperature ?? 1, random: () => 0, maxNewTokens: options.maxNewTokens ?? 64 });
      if (action.truncated) return assistantText(doneLine(seed, messages.length));
      return decodeAction(vocab, action.tokens, { slots: obs.slots, messages, seed });
    },
  };
}
