import type { Db } from "@/db/client";
import { getDomainBySlug, toSpec } from "@/db/queries/domains";
import { createProblemEval, evalFailures, finishProblemEval, getProblem, listProblems, recordPassRate, saveProblems, storedQuestionKeys, type StoredProblem } from "@/db/queries/problems";
import type { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import type { Agent } from "@/lib/rollout/agent";
import { oracleAgent, referenceBudget } from "./agents";
import { runProblem } from "./episode";
import { generateProblems, type GenerateReport } from "./generate/generate";
import type { Solver } from "./harden/agreement";
import { hardenFreeText } from "./harden/llm";
import { mutateProblem } from "./harden/mutate";
import { importProblems } from "./import";
import { rewriteStatement } from "./rewrite";
import type { LlmClient } from "@/lib/llm";
import { Problem, type AnswerKind } from "./schema";

/** The flywheel's steps over the studio's database: what the CLI, the jobs and the API call. */

export function loadDomain(db: Db, slug: string): DomainSpec {
  return toSpec(getDomainBySlug({ db, slug }));
}

export function generateAndStore({ db, slug, count, seed = 0, round = 0 }: { db: Db; slug: string; count: number; seed?: number; round?: number }): GenerateReport & { inserted: number } {
  const report = generateProblems(loadDomain(db, slug), { count, seed, round });
  const { inserted } = saveProblems({ db, items: report.problems });
  return { ...report, inserted };
}

/**
 * Generation with each statement retold in a persona's voice by the writer model (re-checked to
 * ask the same question); a rewrite that fails its check keeps the template's words and is
 * listed with the reason.
 */
export async function generateInVoices({ db, slug, count, seed = 0, round = 0, writer, personas, signal }: { db: Db; slug: string; count: number; seed?: number; round?: number; writer: LlmClient; personas: string[]; signal?: AbortSignal }) {
  const domain = loadDomain(db, slug);
  const report = generateProblems(domain, { count, seed, round });
  const rewriteFailures: { id: string; reason: string }[] = [];
  const problems: Problem[] = [];
  for (const [i, p] of report.problems.entries()) {
    const out = await rewriteStatement(writer, p, domain, personas[(seed + i) % personas.length], { seed, signal });
    if (out.ok) problems.push(out.problem);
    else (problems.push(p), rewriteFailures.push({ id: p.id, reason: out.reason }));
  }
  const { inserted } = saveProblems({ db, items: problems });
  return { ...report, problems, inserted, rewriteFailures };
}

export function importAndStore({ db, text, dataset }: { db: Db; text: string; dataset: string }) {
  const report = importProblems(text, { dataset, existing: storedQuestionKeys({ db }) });
  const { inserted } = saveProblems({ db, items: report.problems });
  return { ...report, inserted };
}

/** The agent for one sample of one problem: a reference agent, or a model's sample (seeded by the trial). */
export type AgentFactory = (problem: Problem, trial: number) => Agent;

export function referenceFactory(spec: string): AgentFactory | null {
  const budget = referenceBudget(spec);
  return budget === null ? null : (problem) => oracleAgent(problem, budget);
}

export interface EvaluateOptions {
  db: Db;
  slug: string | null;
  policy: string;
  agentFor: AgentFactory;
  samples?: number;
  round?: number;
  /** Which problems (default: the domain's verified problems). */
  problems?: Problem[];
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Runs the agent k times on each problem and stores each problem's pass rate under one
 * evaluation id (what `harden --from` reads).
 */
export async function evaluateProblems(o: EvaluateOptions) {
  const samples = o.samples ?? 1;
  const round = o.round ?? 0;
  const problems = o.problems ?? listProblems({ db: o.db, filter: { domain: o.slug, verdict: "verified" }, limit: 100_000 }).rows.map((r) => r.problem);
  if (!problems.length) throw new DomainError("invalid", `no verified problems${o.slug ? ` in ${o.slug}` : ""} to evaluate: generate or import some first`);
  const domain = o.slug ? loadDomain(o.db, o.slug) : null;
  const evalRow = createProblemEval({ db: o.db, domain: o.slug, policy: o.policy, round, samples });
  const byKind: Partial<Record<AnswerKind, { problems: number; rate: number }>> = {};
  let sum = 0;
  for (const [i, problem] of problems.entries()) {
    let successes = 0;
    for (let trial = 0; trial < samples; trial++) {
      o.signal?.throwIfAborted();
      const run = await runProblem(o.agentFor(problem, trial), problem, { domain: problem.domain ? domain : null, signal: o.signal });
      successes += run.reward;
    }
    recordPassRate({ db: o.db, evalId: evalRow.id, problemId: problem.id, policy: o.policy, round, samples, successes });
    const rate = successes / samples;
    sum += rate;
    const k = (byKind[problem.answer.kind] ??= { problems: 0, rate: 0 });
    k.rate = (k.rate * k.problems + rate) / (k.problems + 1);
    k.problems++;
    o.onProgress?.(i + 1, problems.length);
  }
  const summary = { eval_id: evalRow.id, policy: o.policy, problems: problems.length, samples, pass_rate: sum / problems.length, by_kind: byKind };
  finishProblemEval({ db: o.db, id: evalRow.id, summary });
  return summary;
}

export interface HardenOptions {
  db: Db;
  /** The domain of program parents; null when every parent is free text. */
  slug: string | null;
  /** The parents: an evaluation's failures, or problems read from a failures file. */
  parents: Problem[];
  seed?: number;
  /** For free-text parents: the writer and the solver models (without them, such parents are rejected with the reason). */
  writer?: LlmClient;
  solvers?: Solver[];
  required?: number;
  persona?: string;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

export interface HardenReport {
  parents: number;
  variants: number;
  verified: number;
  rejected: { parent: string; mutation: string; reason: string }[];
  mean_difficulty_before: number;
  mean_difficulty_after: number;
  variant_ids: string[];
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 100) / 100 : 0);

/**
 * Harder variants of the parents, stored with their lineage. Program problems mutate their
 * query; free-text ones go through the LLM and the solvers' agreement. Disagreements are stored
 * too, as rejected variants with every solver's answer.
 */
export async function hardenProblems(o: HardenOptions): Promise<HardenReport> {
  const domain = o.slug ? loadDomain(o.db, o.slug) : null;
  const kept: Problem[] = [];
  const stored: Problem[] = [];
  const rejected: HardenReport["rejected"] = [];
  for (const [i, parent] of o.parents.entries()) {
    o.signal?.throwIfAborted();
    if (parent.source === "program") {
      if (!domain || domain.slug !== parent.domain) {
        rejected.push({ parent: parent.id, mutation: "add_filter", reason: `a program problem of ${parent.domain} hardens within its own domain, not ${o.slug ?? "free text"}` });
        continue;
      }
      const report = mutateProblem(domain, parent, { seed: o.seed, exclude: new Set(kept.map((k) => k.id)) });
      kept.push(...report.variants);
      stored.push(...report.variants);
      rejected.push(...report.rejected);
    } else if (!o.writer || !o.solvers?.length) {
      rejected.push({ parent: parent.id, mutation: "self_instruct", reason: "a free-text problem hardens through the LLM: configure a provider and solver models" });
    } else {
      for (const mutation of ["self_instruct", "persona"] as const) {
        const v = await hardenFreeText(parent, { writer: o.writer, solvers: o.solvers, required: o.required, mutation, persona: o.persona, seed: o.seed, signal: o.signal });
        stored.push(v);
        if (v.verdict === "verified") kept.push(v);
        else rejected.push({ parent: parent.id, mutation, reason: v.reason });
      }
    }
    o.onProgress?.(i + 1, o.parents.length);
  }
  saveProblems({ db: o.db, items: stored });
  return {
    parents: o.parents.length,
    variants: stored.length,
    verified: kept.length,
    rejected,
    mean_difficulty_before: mean(o.parents.map((p) => p.difficulty.score)),
    mean_difficulty_after: mean(kept.map((p) => p.difficulty.score)),
    variant_ids: kept.map((p) => p.id),
  };
}

/** The parents an evaluation failed on: pass rate under `threshold` over at least `minSamples` samples. */
export function failuresOfEval({ db, evalId, threshold, minSamples }: { db: Db; evalId: number; threshold?: number; minSamples?: number }): Problem[] {
  return evalFailures({ db, evalId, threshold, minSamples }).map((s: StoredProblem) => s.problem);
}

/** Parents from a failures JSONL: whole problems, or {id} / {problem_id} lines naming stored ones. */
export function failuresFromJsonl({ db, text }: { db: Db; text: string }): { problems: Problem[]; bad: { line: number; reason: string }[] } {
  const problems: Problem[] = [];
  const bad: { line: number; reason: string }[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    if (!raw.trim()) continue;
    try {
      const value = JSON.parse(raw);
      const full = Problem.safeParse(value);
      if (full.success) {
        problems.push(full.data);
        continue;
      }
      const id = value?.problem_id ?? value?.id;
      if (typeof id !== "string") throw new Error("neither a problem nor a line naming one ({problem_id})");
      problems.push(getProblem({ db, id }).problem);
    } catch (e) {
      bad.push({ line: i + 1, reason: (e as Error).message });
    }
  }
  return { problems, bad };
}
