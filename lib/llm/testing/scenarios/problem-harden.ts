import type { DoubleReply, DoubleRequest } from "../openai-double";
import { personaClause } from "./case-rewrite";

/**
 * The hardening writer's schema ("problem_harden"), answered without a model: self-instruct adds
 * one more step with a number taken from the problem's length; persona injection retells the
 * problem in the persona's voice and adds the same step. Deterministic for a given problem.
 */
const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1];

export function reply(request: DoubleRequest): DoubleReply {
  const prompt = (request.body?.messages ?? []).map((m: { content?: unknown }) => String(m.content ?? "")).join("\n");
  const problem = (between(prompt, "problem") ?? "").trim();
  const persona = between(prompt, "persona");
  const extra = `Then ${(problem.length % 7) + 2} more are added.`;
  const statement = persona ? `Speaking as ${personaClause(persona)}: ${problem} ${extra}` : `${problem} ${extra}`;
  return { type: "message", content: JSON.stringify({ statement }) };
}
