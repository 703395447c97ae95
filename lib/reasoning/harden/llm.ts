import { z } from "zod";
import { chatStructured, type LlmClient } from "@/lib/llm";
import { contentId } from "../problem";
import type { Problem } from "../schema";
import { normalizeText } from "../verify/normalize";
import { agreeOnAnswer, type Solver } from "./agreement";

const HardenReply = z.object({ statement: z.string().min(1) });

const INSTRUCTIONS = {
  self_instruct:
    "Rewrite the problem into a harder one of the same kind: keep its setting, add at least one more reasoning step (another quantity, condition or stage) so that solving it takes longer. The new problem must have one exact answer. Do not give the answer.",
  persona:
    "Retell the problem in the voice and circumstances of the persona, and add at least one more reasoning step that fits them. The new problem must have one exact answer. Do not give the answer.",
} as const;

export interface FreeTextHardenOptions {
  writer: LlmClient;
  solvers: Solver[];
  /** Solvers that must agree for the variant to be kept (default: all of them). */
  required?: number;
  mutation: "self_instruct" | "persona";
  persona?: string;
  round?: number;
  seed?: number;
  signal?: AbortSignal;
}

/**
 * A harder free-text variant through the LLM (self-instruct on the structure, or persona
 * injection on the context), kept only when enough solver models agree on its answer. A
 * disagreement is still returned: as a rejected variant carrying every solver's answer.
 */
export async function hardenFreeText(parent: Problem, options: FreeTextHardenOptions): Promise<Problem> {
  const persona = options.mutation === "persona" ? `\n<persona>${options.persona ?? "a busy person who explains things through their daily life"}</persona>` : "";
  const reply = await chatStructured(options.writer, {
    role: "writer",
    name: "problem_harden",
    schema: HardenReply,
    seed: options.seed,
    signal: options.signal,
    messages: [
      { role: "system", content: INSTRUCTIONS[options.mutation] },
      { role: "user", content: `<problem>${parent.statement}</problem>${persona}` },
    ],
  });
  const statement = reply.value.statement.trim();
  const required = Math.min(options.required ?? options.solvers.length, options.solvers.length);
  const base = {
    id: contentId("q", `${parent.id}\n${options.mutation}\n${normalizeText(statement)}`),
    domain: parent.domain,
    statement,
    plan: [],
    tools: parent.tools,
    lineage: { parent: parent.id, root: parent.lineage.root, mutation: options.mutation, round: options.round ?? parent.lineage.round + 1 },
    difficulty: { solution_steps: statement.split(/[.!?](?:\s|$)/).filter((s) => s.trim()).length, tool_calls: 0, score: 0, pass_rates: [] },
  };
  base.difficulty.score = base.difficulty.solution_steps;
  if (normalizeText(statement) === normalizeText(parent.statement)) {
    return { ...base, answer: parent.answer, source: "agreement", verdict: "rejected", reason: "the rewrite is the parent problem unchanged" };
  }
  const outcome = await agreeOnAnswer(options.solvers, statement, required, { seed: options.seed, signal: options.signal });
  return {
    ...base,
    answer: outcome.answer ?? { kind: "exact", value: outcome.agreement.solvers.find((s) => s.answer)?.answer ?? "" },
    source: "agreement",
    agreement: outcome.agreement,
    verdict: outcome.answer ? "verified" : "rejected",
    reason: outcome.reason,
  };
}
