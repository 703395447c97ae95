import type { DoubleReply, DoubleRequest } from "../openai-double";

/**
 * The reasoning solvers' schema ("problem_solve"), answered without a model, so one double can
 * play several solver models that disagree on some items: every solver adds up the numbers in
 * the <problem>; a model whose name ends in "-sloppy" multiplies them instead when there are
 * three or more (so it agrees on short problems and disagrees on longer ones).
 */
const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1];

export function naiveAnswer(statement: string, model: string): number {
  const numbers = (statement.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (model.endsWith("-sloppy") && numbers.length >= 3) return numbers.reduce((p, x) => p * x, 1);
  return numbers.reduce((s, x) => s + x, 0);
}

export function reply(request: DoubleRequest): DoubleReply {
  const prompt = (request.body?.messages ?? []).map((m: { content?: unknown }) => String(m.content ?? "")).join("\n");
  const statement = between(prompt, "problem") ?? "";
  return { type: "message", content: JSON.stringify({ answer: String(naiveAnswer(statement, String(request.body?.model ?? ""))) }) };
}
