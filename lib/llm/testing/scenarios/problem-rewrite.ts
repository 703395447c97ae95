import type { DoubleReply, DoubleRequest } from "../openai-double";
import { personaClause } from "./case-rewrite";

/**
 * The persona rewrite of a reasoning problem ("problem_rewrite"), answered without a model:
 * the question retold by the persona, every value kept (what the studio's re-check demands).
 */
const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1];

export function reply(request: DoubleRequest): DoubleReply {
  const prompt = (request.body?.messages ?? []).map((m: { content?: unknown }) => String(m.content ?? "")).join("\n");
  const question = (between(prompt, "question") ?? "").replace(/`/g, "");
  return { type: "message", content: JSON.stringify({ statement: `I'm ${personaClause(between(prompt, "persona") ?? "")}, and I need this for my records. ${question}` }) };
}
