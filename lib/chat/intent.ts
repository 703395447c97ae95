/**
 * What an agent's message does, read from its wording. The scripted user and the reward read
 * messages the same way, so a trajectory the simulator took as a refusal is one the reward
 * credits as a refusal. Deliberately plain patterns: the oracle trajectories are written to
 * match them, and an LLM agent's phrasing mostly does.
 */

const REFUSAL = new RegExp(
  [
    String.raw`\bcan(?:'|’)?t\b(?! find| locate| see| tell)`,
    String.raw`\bcannot\b(?! find| locate| see)`,
    String.raw`\bunable to\b(?! find| locate)`,
    String.raw`\bnot able to\b(?! find| locate)`,
    String.raw`\bnot (?:allowed|permitted|possible|eligible)\b`,
    String.raw`\bisn(?:'|’)t (?:allowed|permitted|possible|eligible)\b`,
    String.raw`\bwon(?:'|’)t be able to\b`,
    String.raw`\b(?:must|have to|need to) decline\b`,
    String.raw`\bagainst (?:our|the) policy\b`,
    String.raw`\bpolicy (?:does not|doesn(?:'|’)t) (?:allow|permit)\b`,
    String.raw`\bno longer be (?:cancell?ed|changed|modified|returned)\b`,
  ].join("|"),
  "i",
);

/** Declines the request (not merely "I couldn't find that"). */
export function isRefusal(text: string): boolean {
  return REFUSAL.test(text);
}

const CONFIRMATION = new RegExp(
  [
    String.raw`\bshall i\b`,
    String.raw`\bshould i (?:go ahead|proceed)\b`,
    String.raw`\b(?:do|would) you (?:want|like) me to\b`,
    String.raw`\bmay i (?:go ahead|proceed)\b`,
    String.raw`\b(?:ok(?:ay)?|alright) to (?:go ahead|proceed)\b`,
    String.raw`\bcan i (?:go ahead|proceed)\b`,
    String.raw`\(yes\s*/\s*no\)`,
    String.raw`\byes or no\b`,
    String.raw`\bplease confirm\b(?! (?:your|the|my|which|what)\b)`,
    String.raw`\bdo you confirm\b`,
    String.raw`\bconfirm (?:that )?you (?:want|would like)\b`,
  ].join("|"),
  "i",
);

/** Asks the user for a yes before acting ("Shall I go ahead? (yes/no)"), not for a detail. */
export function isConfirmationRequest(text: string): boolean {
  return CONFIRMATION.test(text);
}

const TRANSFER = /###TRANSFER|\b(?:transferr?(?:ed|ing)?|hand(?:ed|ing)? (?:you |this |your \w+ )?over|pass(?:ed|ing)? (?:you|this|your \w+) (?:on )?to|connect(?:ed|ing)? you (?:with|to))\b[^.?!]*\b(?:human|person|colleague|specialist|representative|team)\b/i;

/** Says the conversation goes to a human (a marker or plain words). */
export function isTransferText(text: string): boolean {
  return TRANSFER.test(text);
}

const ASKING = /\?|\b(?:please (?:provide|share|give|send|tell|let me know)|let me know|tell me|i(?:'|’)ll need|i need)\b/i;

/** Asks the user for something (a question mark or an imperative request). */
export function isAsking(text: string): boolean {
  return ASKING.test(text);
}

const ANYTHING_ELSE = /\banything else\b|\bsomething else i can help\b/i;

/** The agent's sign-off question ("Is there anything else I can help with?"). */
export function isOfferingMoreHelp(text: string): boolean {
  return ANYTHING_ELSE.test(text);
}
