import type { ChatMessage } from "@/lib/chat/schema";
import { encodeAction } from "./codec";
import { textTokens, toolTokens } from "./observe";
import { Slots } from "./slots";
import type { Vocab } from "./vocab";

/**
 * A conversation as the policy reads it: one token sequence, grown message by message (the
 * system prompt is the same for every case and left out). The agent's own turns appear as their
 * action tokens, so a whole episode is one sequence and training sees exactly what sampling saw.
 * Appending never renumbers earlier slots, so any prefix renders the same.
 */
export class Observation {
  readonly ids: number[];
  readonly slots: Slots;

  constructor(readonly vocab: Vocab) {
    this.ids = [vocab.must("<bos>")];
    this.slots = new Slots(vocab.spec.slots);
  }

  add(message: ChatMessage): void {
    const v = this.vocab;
    if (message.role === "user") this.ids.push(v.must("<user>"), ...textTokens(message.content, this.slots).map((t) => v.id(t)));
    else if (message.role === "tool") this.ids.push(v.must("<tool>"), ...toolTokens(message.content, this.slots).map((t) => v.id(t)));
    else if (message.role === "assistant") this.ids.push(v.must("<agent>"), ...encodeAction(v, message, this.slots));
  }

  /** The agent's turn starts: what follows is its action. */
  promptAgent(): void {
    this.ids.push(this.vocab.must("<agent>"));
  }
}

export function observe(vocab: Vocab, messages: ChatMessage[]): Observation {
  const obs = new Observation(vocab);
  for (const m of messages) obs.add(m);
  return obs;
}
