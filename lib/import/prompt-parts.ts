import type { ImportedTask, SplitBackground } from "./schema";

/** The content of the last `<tag>…</tag>` block, or null. The paper reads the last match too. */
export function lastBlock(text: string, tag: string): string | null {
  const pattern = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g");
  let last: string | null = null;
  for (const match of text.matchAll(pattern)) last = match[1];
  return last;
}

const NO_THINK = /\s*\/no_think\s*$/;

/**
 * Splits the paper's user message into the task and the instruction block the solver appended
 * (a "Note:" paragraph about brief reasoning, then how to use <question> and <answer>, then
 * "/no_think"). The block starts at the last "Note:" line before the first tag instruction, or
 * else at the paragraph that holds it; without a tag instruction only "/no_think" is removed.
 */
export function splitUserMessage(raw: string): ImportedTask {
  const noThink = NO_THINK.test(raw);
  const body = raw.replace(NO_THINK, "");
  const tagAt = body.search(/<question>|<answer>/);
  if (tagAt < 0) return { text: body.trim(), instructions: "", noThink, raw };
  const before = body.slice(0, tagAt);
  const noteAt = Math.max(before.lastIndexOf("\nNote:"), before.startsWith("Note:") ? 0 : -1);
  const paragraphAt = before.lastIndexOf("\n\n");
  const start = noteAt >= 0 ? noteAt : Math.max(paragraphAt, 0);
  return { text: body.slice(0, start).trim(), instructions: body.slice(start).trim(), noThink, raw };
}

const ADDITIONAL = "\n\nAdditional parameters you may need:\n";
const REVEAL = /\n*Reveal them only (when )?the agent asks? you\.[^\n]*\n?$/;

/**
 * Takes the paper's merged background apart. S3 writes
 * `${background}\n\n${hack}\n\nAdditional parameters you may need:\n${params}\n\nReveal them only…`,
 * so the head before the parameters is `background\n\n` for legal cases (empty hack) and
 * `background\n\nhack` otherwise. It is separable only when that is unambiguous: an empty hack,
 * or exactly one blank line in the head.
 */
export function splitMergedBackground(text: string, hasHackPath: boolean): SplitBackground {
  const whole: SplitBackground = { isSeparable: false, user: text, hack: "", additionalParameters: "" };
  const at = text.lastIndexOf(ADDITIONAL);
  if (at < 0) return whole;
  const head = text.slice(0, at);
  const additionalParameters = text.slice(at + ADDITIONAL.length).replace(REVEAL, "").trim();
  if (/\n\n\s*$/.test(head) || (!hasHackPath && !head.includes("\n\n"))) {
    return { isSeparable: true, user: head.trim(), hack: "", additionalParameters };
  }
  const parts = head.split("\n\n");
  if (parts.length !== 2 || !hasHackPath) return { ...whole, additionalParameters };
  return { isSeparable: true, user: parts[0].trim(), hack: parts[1].trim(), additionalParameters };
}
