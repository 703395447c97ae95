import { mentionedFacts } from "@/lib/chat/fact-mention";
import * as line from "@/lib/sim/agent-phrasing";

/**
 * The agent's spoken moves, the same ones the oracle agent makes (lib/sim/agent-phrasing.ts):
 * the policy chooses an intent and its arguments; `renderLine` words it with the oracle's own
 * phrasing (so the scripted user and the reward read it as meant), `readLine` reads an oracle
 * line back into the move (for the SFT data). codec.test.ts checks both directions on every
 * wording variant.
 */
export const INTENTS = ["ask", "ask_again", "confirm", "refuse", "restate", "handoff", "transferred", "done", "declined", "recheck_close", "clarify_close"] as const;
export type Intent = (typeof INTENTS)[number];
/** Intents followed by fact names; by a refusal or hand-off reason; by a described write. */
export const NAMING_INTENTS: readonly Intent[] = ["ask", "ask_again", "recheck_close", "clarify_close"];
export const REASON_INTENTS: readonly Intent[] = ["refuse", "restate", "handoff"];

export interface SpokenMove {
  intent: Intent;
  names: string[];
  reason: string;
  /** confirm: the described call's text ("cancel appointment (appointment id: APT-3001)"), "" when none. */
  described: string;
}

const OPENERS = {
  refuse: ["I'm sorry, but I can't do that.", "Unfortunately I'm not able to help with this request.", "I have to decline this request."],
  restate: ["I understand, but I still can't make an exception.", "I hear you, but I'm not able to change the outcome."],
  handoff: ["I'll need to transfer you to a human agent for this.", "This has to be handed over to a human colleague."],
};
const CONFIRM = /^(?:Here is what I will do: (.*)\.|I can make the change you asked for\.) (?:Shall I go ahead\? \(yes\/no\)|Do you want me to proceed\? Please answer yes or no\.|Please confirm \(yes\/no\)\.)$/s;

const afterOpener = (text: string, openers: string[]) => {
  const o = openers.find((x) => text.startsWith(x));
  return o === undefined ? null : text.slice(o.length).trim();
};
const beforeCloser = (text: string, closers: string[]) => {
  const c = closers.find((x) => text.endsWith(x));
  return c === undefined ? null : text.slice(0, text.length - c.length).trim();
};

/** Reads an oracle-phrased line; null when the text is not one of the agent's moves. */
export function readLine(text: string, factNames: string[]): SpokenMove | null {
  const t = text.trim();
  const move = (intent: Intent, extra: Partial<SpokenMove> = {}): SpokenMove => ({ intent, names: [], reason: "", described: "", ...extra });
  const named = (intent: Intent) => move(intent, { names: mentionedFacts(t, factNames) });
  const confirm = CONFIRM.exec(t);
  if (confirm) return move("confirm", { described: confirm[1] ?? "" });
  for (const intent of ["refuse", "restate"] as const) {
    const reason = afterOpener(t, OPENERS[intent]);
    if (reason !== null) return move(intent, { reason });
  }
  const handoff = beforeCloser(t, OPENERS.handoff);
  if (handoff !== null) return move("handoff", { reason: handoff });
  if (/^I've (?:transferred you to a human agent|handed your case over to a human colleague)/.test(t)) return move("transferred");
  if (/^(?:That's done|All set)\. /.test(t)) return move("done");
  if (/^(?:Understood, I won't make any changes|No problem, everything stays as it is)\./.test(t)) return move("declined");
  if (/does not match what I see\.|What you gave me does not fit\.$/.test(t)) return named("ask_again");
  if (/^Please check your .* and write back when you have it|^When you have checked your /.test(t)) return named("recheck_close");
  if (/^Once you have your .* write back|^When you find your /.test(t)) return named("clarify_close");
  if (/^(?:Could you tell me your|To look into this, I need your|Please provide your|Could you tell me whether this applies)/.test(t)) return named("ask");
  return null;
}

/** Words a move with the oracle's phrasing; `seed` and `salt` pick among its variants. */
export function renderLine(move: SpokenMove, flags: string[], seed: number, salt: number): string {
  const { names, reason } = move;
  switch (move.intent) {
    case "ask":
      return line.askFactsLine(names, seed, salt, flags);
    case "ask_again":
      return line.askAgainLine(names, seed, salt);
    case "recheck_close":
      return line.recheckCloseLine(names, seed, salt);
    case "clarify_close":
      return line.clarifyCloseLine(names, seed, salt);
    case "confirm":
      return line.confirmLine(move.described || null, seed, salt);
    case "refuse":
      return line.refusalLine(reason, seed, salt);
    case "restate":
      return line.restateRefusalLine(reason, seed, salt);
    case "handoff":
      return line.handoffLine(reason, seed, salt);
    case "transferred":
      return line.transferredLine(seed, salt);
    case "done":
      return line.doneLine(seed, salt);
    case "declined":
      return line.declinedLine(seed, salt);
  }
}
