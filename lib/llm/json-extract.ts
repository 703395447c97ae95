/**
 * Pulls one JSON value out of a model's reply, tolerating what models wrap around it: a
 * <think>…</think> preamble (Qwen3 and other reasoning models), ```json fences, or prose before
 * and after the object.
 */
export type JsonExtraction = { ok: true; value: unknown } | { ok: false; error: string };

function tryParse(text: string): JsonExtraction {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/** The end index (exclusive) of the bracketed value starting at `start`, skipping brackets inside strings. */
function balancedEnd(text: string, start: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === "\\") i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === "{" || ch === "[") depth++;
    else if (ch === "}" || ch === "]") {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return undefined;
}

export function extractJson(reply: string): JsonExtraction {
  const text = reply.replace(/<think>[\s\S]*?<\/think>/g, "").replace(/^[\s\S]*<\/think>/, "").trim();
  const whole = tryParse(text);
  if (whole.ok) return whole;

  for (const fence of text.matchAll(/```[a-zA-Z]*[ \t]*\r?\n?([\s\S]*?)```/g)) {
    const parsed = tryParse(fence[1].trim());
    if (parsed.ok) return parsed;
  }
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "{" && text[i] !== "[") continue;
    const end = balancedEnd(text, i);
    if (end === undefined) continue;
    const parsed = tryParse(text.slice(i, end));
    if (parsed.ok && parsed.value !== null && typeof parsed.value === "object") return parsed;
  }
  return { ok: false, error: text ? whole.error : "the reply was empty" };
}
