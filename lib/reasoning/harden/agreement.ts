import { z } from "zod";
import { chatStructured, type LlmClient } from "@/lib/llm";
import { classifyAnswer } from "../import";
import type { Agreement, Answer } from "../schema";
import { mathEqual } from "../verify/math";
import { normalizeText, plainNumber } from "../verify/normalize";

/** One solver model behind an OpenAI-compatible endpoint (its client's default model answers). */
export interface Solver {
  name: string;
  client: LlmClient;
}

const SolveReply = z.object({ answer: z.string().min(1) });

/** Asks one solver for a problem's final answer. */
export async function solve(solver: Solver, statement: string, options: { seed?: number; signal?: AbortSignal } = {}): Promise<string> {
  const out = await chatStructured(solver.client, {
    role: "judge",
    name: "problem_solve",
    schema: SolveReply,
    seed: options.seed,
    signal: options.signal,
    messages: [
      { role: "system", content: "Solve the problem. Reply with the final answer only: a number, a LaTeX expression or a short phrase." },
      { role: "user", content: `<problem>${statement}</problem>` },
    ],
  });
  return out.value.answer.trim();
}

/** Two answers to the same problem: equal numbers, equivalent expressions, or the same words. */
export function sameAnswer(a: string, b: string): boolean {
  const x = plainNumber(a);
  const y = plainNumber(b);
  if (x !== null && y !== null) return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
  if (normalizeText(a) === normalizeText(b)) return true;
  return mathEqual(a, b) === true;
}

export type AgreementOutcome = { agreement: Agreement; answer: Answer | null; reason: string };

/**
 * Every solver answers; the largest group of equivalent answers wins when it reaches `required`
 * solvers. Otherwise the record keeps every answer and says why (a solver's failure is an
 * answer of null with its error, never a silent drop).
 */
export async function agreeOnAnswer(solvers: Solver[], statement: string, required: number, options: { seed?: number; signal?: AbortSignal } = {}): Promise<AgreementOutcome> {
  const answers = await Promise.all(
    solvers.map(async (s) => {
      try {
        return { solver: s.name, answer: await solve(s, statement, options) };
      } catch (e) {
        return { solver: s.name, answer: null, error: (e as Error).message };
      }
    }),
  );
  const groups: { answer: string; members: number }[] = [];
  for (const a of answers) {
    if (a.answer === null) continue;
    const g = groups.find((x) => sameAnswer(x.answer, a.answer!));
    if (g) g.members++;
    else groups.push({ answer: a.answer, members: 1 });
  }
  groups.sort((p, q) => q.members - p.members);
  const best = groups[0];
  const agreement: Agreement = { solvers: answers, agreeing: best?.members ?? 0, required };
  const listing = answers.map((a) => `${a.solver}: ${a.answer ?? `error (${a.error})`}`).join("; ");
  if (!best || best.members < required) return { agreement, answer: null, reason: `solvers disagree (${best?.members ?? 0} of ${solvers.length} agree, ${required} required): ${listing}` };
  const answer = classifyAnswer(best.answer);
  if ("error" in answer) return { agreement, answer: null, reason: `the agreed answer is unusable: ${answer.error}` };
  return { agreement, answer, reason: "" };
}
