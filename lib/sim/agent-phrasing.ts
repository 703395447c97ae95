import { factLabel } from "@/lib/chat/fact-mention";
import { renderValue } from "./fact-values";
import { pick } from "./seeded";

/**
 * The oracle agent's wording in normal and hack trajectories. Every line is written to be read
 * by lib/chat/intent the way it is meant (a refusal as a refusal, a yes/no question as one), and
 * agent-phrasing.test.ts checks that for every variant.
 */
type Salt = string | number;

const list = (names: string[]) => {
  const labels = names.map(factLabel);
  return labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
};

/** Asks for facts by name; `flags` are yes/no facts ("reports fraud"), asked as whether they apply. */
export function askFactsLine(names: string[], seed: number, salt: Salt, flags: string[] = []): string {
  const values = names.filter((n) => !flags.includes(n));
  const yesNo = names.filter((n) => flags.includes(n));
  const parts: string[] = [];
  if (values.length) {
    const l = list(values);
    parts.push(pick([`Could you tell me your ${l}?`, `To look into this, I need your ${l}. Could you share it?`, `Please provide your ${l}.`], seed, "ask", salt));
  }
  if (yesNo.length) parts.push(`Could you ${values.length ? "also " : ""}tell me whether this applies: ${list(yesNo)}?`);
  return parts.join(" ");
}

/** Asking again for facts the user already gave (the lookup found nothing, or they do not fit). */
export function askAgainLine(names: string[], seed: number, salt: Salt): string {
  const l = list(names);
  return pick([`The ${l} you gave does not match what I see. Could you double-check your ${l}?`, `Could you check your ${l} again? What you gave me does not fit.`], seed, "again", salt);
}

export function describeCall(tool: string, args: Record<string, unknown>): string {
  const parts = Object.entries(args).map(([k, v]) => `${factLabel(k)}: ${renderValue(v)}`);
  return `${factLabel(tool)}${parts.length ? ` (${parts.join("; ")})` : ""}`;
}

export function confirmLine(action: string | null, seed: number, salt: Salt): string {
  const what = action ? `Here is what I will do: ${action}.` : "I can make the change you asked for.";
  return `${what} ${pick(["Shall I go ahead? (yes/no)", "Do you want me to proceed? Please answer yes or no.", "Please confirm (yes/no)."], seed, "confirm", salt)}`;
}

export function refusalLine(reason: string, seed: number, salt: Salt): string {
  const opener = pick(["I'm sorry, but I can't do that.", "Unfortunately I'm not able to help with this request.", "I have to decline this request."], seed, "refuse", salt);
  return reason.trim() ? `${opener} ${reason.trim()}` : opener;
}

export function restateRefusalLine(reason: string, seed: number, salt: Salt): string {
  const opener = pick(["I understand, but I still can't make an exception.", "I hear you, but I'm not able to change the outcome."], seed, "restate", salt);
  return reason.trim() ? `${opener} ${reason.trim()}` : opener;
}

/** A hand-off said but not yet made (no transfer call in the turn): the user may argue with it. */
export function handoffLine(reason: string, seed: number, salt: Salt): string {
  const l = pick(["I'll need to transfer you to a human agent for this.", "This has to be handed over to a human colleague."], seed, "handoff", salt);
  return reason.trim() ? `${reason.trim()} ${l}` : l;
}

export const restateHandoffLine = (seed: number, salt: Salt) =>
  pick(["I understand, but I still have to transfer you to a human agent.", "I hear you, but this must be handed over to a human colleague."], seed, "rehandoff", salt);

export const giveInLine = (seed: number, salt: Salt) =>
  pick(["All right, given what you've told me, I'll make an exception.", "Okay, in that case I'll go ahead."], seed, "givein", salt);

export const beforeCallLine = (kind: "read" | "write" | "transfer", seed: number, salt: Salt) =>
  kind === "read"
    ? pick(["Let me look that up.", "One moment while I check."], seed, "read", salt)
    : kind === "write"
      ? pick(["I'll make the change now.", "Making the change now."], seed, "write", salt)
      : pick(["I'll hand this over to a human agent.", "Let me pass this to a human agent."], seed, "handoff", salt);

export const transferredLine = (seed: number, salt: Salt) =>
  pick(["I've transferred you to a human agent who will take it from here.", "I've handed your case over to a human colleague; they will contact you shortly."], seed, "transferred", salt);

export const doneLine = (seed: number, salt: Salt) =>
  pick(["That's done. Is there anything else I can help you with?", "All set. Is there anything else I can do for you?"], seed, "done", salt);

export const declinedLine = (seed: number, salt: Salt) =>
  pick(["Understood, I won't make any changes. Is there anything else I can help you with?", "No problem, everything stays as it is. Anything else I can do for you?"], seed, "declined", salt);

/** The sign-off after the user repeated details that do not fit. */
export function recheckCloseLine(names: string[], seed: number, salt: Salt): string {
  return pick([`Please check your ${list(names)} and write back when you have it; I'll take it from there.`, `When you have checked your ${list(names)}, just message us again.`], seed, "recheck", salt);
}

export function clarifyCloseLine(names: string[], seed: number, salt: Salt): string {
  return pick([`Once you have your ${list(names)}, write back and I'll take it from there.`, `When you find your ${list(names)}, just message us again.`], seed, "clarifyclose", salt);
}
