import { z } from "zod";
import { Program } from "./query/schema";

/**
 * A reasoning problem: a statement with an answer that is checked, never hoped for. The answer
 * is known either by a program (a query run on the domain's database) or by the agreement of
 * several solver models; imported problems bring theirs.
 */
export const ANSWER_KINDS = ["exact", "number", "set", "list", "math"] as const;
export const AnswerKind = z.enum(ANSWER_KINDS);
export type AnswerKind = z.infer<typeof AnswerKind>;

export const AnswerAtom = z.union([z.string(), z.number()]);
export type AnswerAtom = z.infer<typeof AnswerAtom>;

/**
 * exact: a string compared after normalisation; number: within `tolerance` (absolute);
 * set: elements in any order; list: elements in order; math: a LaTeX expression compared for
 * mathematical equivalence. Numbers inside sets and lists also use `tolerance`.
 */
export const Answer = z.object({
  kind: AnswerKind,
  value: z.union([AnswerAtom, z.array(AnswerAtom)]),
  tolerance: z.number().nonnegative().optional(),
});
export type Answer = z.infer<typeof Answer>;

export const ANSWER_SOURCES = ["program", "agreement", "import"] as const;
export const AnswerSource = z.enum(ANSWER_SOURCES);
export type AnswerSource = z.infer<typeof AnswerSource>;

/** A measured pass rate of one policy on this problem in one round (k samples). */
export const PassRate = z.object({
  policy: z.string(),
  round: z.number().int().min(0),
  samples: z.number().int().min(1),
  successes: z.number().int().min(0),
  rate: z.number().min(0).max(1),
});
export type PassRate = z.infer<typeof PassRate>;

/**
 * Computed, not guessed: `tool_calls` is the length of the cheapest read-tool plan that reaches
 * every record the program reads; `solution_steps` counts the program's operations plus the
 * records it must inspect; `score` = solution_steps + tool_calls (what hardening must raise).
 * Free-text problems without a program score their statement's length in sentences instead.
 */
export const Difficulty = z.object({
  solution_steps: z.number().int().min(0),
  tool_calls: z.number().int().min(0),
  score: z.number().min(0),
  pass_rates: z.array(PassRate).default([]),
});
export type Difficulty = z.infer<typeof Difficulty>;

export const MUTATIONS = ["add_filter", "add_hop", "group", "compose", "distractor", "date_window", "self_instruct", "persona"] as const;
export const Mutation = z.enum(MUTATIONS);
export type Mutation = z.infer<typeof Mutation>;

export const Lineage = z.object({
  parent: z.string().nullable(),
  /** The family's first problem (itself for a root). */
  root: z.string(),
  mutation: Mutation.nullable(),
  round: z.number().int().min(0),
});
export type Lineage = z.infer<typeof Lineage>;

/** One solver model's answer in an agreement check. */
export const SolverAnswer = z.object({ solver: z.string(), answer: z.string().nullable(), error: z.string().optional() });
export const Agreement = z.object({
  solvers: z.array(SolverAnswer),
  /** Solvers whose answer matched the kept answer. */
  agreeing: z.number().int().min(0),
  required: z.number().int().min(1),
});
export type Agreement = z.infer<typeof Agreement>;

export const PlannedCall = z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) });
export type PlannedCall = z.infer<typeof PlannedCall>;

export const Problem = z.object({
  id: z.string().min(1),
  /** The domain whose database and read tools the problem runs on; null for free-text problems. */
  domain: z.string().nullable(),
  statement: z.string().min(1),
  answer: Answer,
  source: AnswerSource,
  program: Program.optional(),
  /** The read-tool calls that reach every record the program reads, in order. */
  plan: z.array(PlannedCall).default([]),
  agreement: Agreement.optional(),
  /** Tools the agent may call (the domain's read tools); empty for free-text problems. */
  tools: z.array(z.string()).default([]),
  difficulty: Difficulty,
  lineage: Lineage,
  /** verified: the answer was recomputed (or agreed); rejected: `reason` says why. */
  verdict: z.enum(["verified", "rejected"]),
  reason: z.string().default(""),
  /** Where an imported problem came from. */
  origin: z.object({ dataset: z.string(), line: z.number().int() }).optional(),
});
export type Problem = z.infer<typeof Problem>;
export type ProblemInput = z.input<typeof Problem>;
