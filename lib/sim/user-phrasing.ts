import { STOP_MARKER } from "@/lib/chat/schema";
import { factLabel } from "@/lib/chat/fact-mention";
import { capitalLabel, renderValue } from "./fact-values";
import { pick } from "./seeded";

/**
 * The scripted user's wording. Each function takes the seed and a salt (the turn number), so the
 * words vary by seed while what is said (which facts, which answer) never does.
 */
type Salt = string | number;

const stop = (line: string) => `${line} ${STOP_MARKER}`;

export function openingLine(task: string, seed: number): string {
  const greeted = /^\s*(hi|hello|hey|good (morning|afternoon|evening))\b/i.test(task);
  return `${greeted ? "" : pick(["", "Hi! ", "Hello, ", "Hi there. "], seed, "open")}${task}`;
}

export function factAnswer(name: string, value: unknown, seed: number, salt: Salt): string {
  const v = renderValue(value);
  if (typeof value === "boolean") return `${capitalLabel(name)}: ${v}.`;
  const label = factLabel(name);
  return pick([`My ${label} is ${v}.`, `The ${label} is ${v}.`, `${capitalLabel(name)}: ${v}.`], seed, "fact", name, salt);
}

export function missingFact(name: string, seed: number, salt: Salt): string {
  const label = factLabel(name);
  return pick([`I don't have the ${label} at hand, sorry.`, `Sorry, I don't know the ${label}.`, `I'm not sure about the ${label}.`], seed, "missing", name, salt);
}

export function confirmLine(confirmed: boolean, seed: number, salt: Salt): string {
  return confirmed
    ? pick(["Yes, go ahead.", "Yes please, do it.", "Yes, please proceed."], seed, "yes", salt)
    : pick(["No, please don't. I've changed my mind.", "No, leave it as it is.", "Actually no, don't do that."], seed, "no", salt);
}

export function pushLine(strategy: string, seed: number, salt: Salt): string {
  const opener = pick(["That's not acceptable.", "Please, I really need this done.", "Come on, there must be a way."], seed, "push", salt);
  return strategy.trim() ? `${opener} ${strategy.trim()}` : opener;
}

export function offerLine(background: string, facts: [string, unknown][], seed: number, salt: Salt): string {
  const opener = pick(["Look, let me explain.", "Okay, there's something I didn't mention.", "Wait, let me add something."], seed, "offer", salt);
  const said = facts.map(([n, v], i) => factAnswer(n, v, seed, `${salt}.${i}`));
  return [opener, background.trim(), ...said].filter(Boolean).join(" ");
}

export const acceptRefusalLine = (seed: number, salt: Salt) => stop(pick(["Fine, I understand.", "Okay, I get it.", "Alright then."], seed, "accept", salt));
export const thanksLine = (seed: number, salt: Salt) => stop(pick(["Thanks, that's all I needed.", "Great, thank you!", "Perfect, thanks."], seed, "thanks", salt));
export const transferLine = (seed: number, salt: Salt) => stop(pick(["Okay, I'll wait for them.", "Thanks, I'll talk to them."], seed, "transfer", salt));
export const giveUpLine = (seed: number, salt: Salt) => stop(pick(["Never mind, I'll try again later.", "Forget it, I'll come back another time."], seed, "giveup", salt));

export function nudgeLine(task: string, seed: number, salt: Salt): string {
  return `${pick(["I just want this sorted:", "As I said:", "To repeat:"], seed, "nudge", salt)} ${task}`;
}

export { stop as withStopMarker };
