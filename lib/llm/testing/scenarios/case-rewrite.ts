import type { DoubleReply, DoubleRequest } from "../openai-double";

/**
 * The writer's schema (lib/writer, "case_rewrite"), answered without a model: the case arrives
 * as JSON in <case> tags and the persona in <persona> tags; the reply keeps every fact and the
 * plan, and opens in the persona's voice ("So, I'm a night-shift nurse who ..."), so an e2e run
 * can see a persona-voiced request that still passes the writer's re-checks.
 */
const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1];

/** "A night-shift nurse who shops between shifts, types in short bursts" → "a night-shift nurse who shops between shifts". */
export function personaClause(persona: string): string {
  const clause = persona.split(/[,;.]/)[0].trim();
  const words = clause.split(/\s+/).slice(0, 10).join(" ");
  return words ? words[0].toLowerCase() + words.slice(1) : "a customer";
}

export function reply(request: DoubleRequest): DoubleReply {
  const prompt = (request.body?.messages ?? []).map((m: { content?: unknown }) => String(m.content ?? "")).join("\n");
  const caseJson = between(prompt, "case");
  if (!caseJson) return { type: "message", content: "{}" };
  const brief = JSON.parse(caseJson) as { task: string; user_background: string; hack_success_user_background: string; user_escape_strategy: string };
  const who = personaClause(between(prompt, "persona") ?? "");
  const request_ = brief.task.replace(/^hi,?\s*i need some help:?\s*/i, "");
  return {
    type: "message",
    content: JSON.stringify({
      task: `So, I'm ${who}. ${request_[0]?.toUpperCase() ?? ""}${request_.slice(1)}`,
      user_background: `I'm ${who}. ${brief.user_background}`.trim(),
      hack_success_user_background: brief.hack_success_user_background,
      user_escape_strategy: `${brief.user_escape_strategy} Stay in character as ${who}.`,
    }),
  };
}
