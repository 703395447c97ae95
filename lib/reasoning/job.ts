import { z } from "zod";
import { studioDb } from "@/db";
import type { Db } from "@/db/client";
import { createProblemEval, evalFailures, evalPassRates, finishProblemEval, getProblem, getProblemEval, listProblems, recordPassRate } from "@/db/queries/problems";
import { DomainError } from "@/lib/errors";
import { enqueueJob } from "@/lib/jobs/control";
import { registerJobKind } from "@/lib/jobs/registry";
import { studioAgentDeps } from "@/lib/eval/execute";
import { runProblem } from "./episode";
import { generateAndStore, hardenProblems, loadDomain, type AgentFactory } from "./flywheel";
import { checkProblemPolicy, problemAgents } from "./policy-agents";

/**
 * The flywheel's long steps as durable jobs, one item per unit of progress: generation in
 * chunks, hardening per failed parent, evaluation per problem. The payloads hold ids and
 * parameters only; results land in the problems tables as each item finishes.
 */
export const GenerateInput = z.object({ domain: z.string().min(1), count: z.number().int().min(1).max(2000).default(20), seed: z.number().int().min(0).default(0), round: z.number().int().min(0).default(0) });
export const HardenInput = z.object({
  domain: z.string().min(1),
  evalId: z.number().int().positive(),
  threshold: z.number().min(0).max(1).default(0.5),
  minSamples: z.number().int().min(1).default(1),
  seed: z.number().int().min(0).default(0),
});
export const EvalInput = z.object({
  domain: z.string().min(1),
  agent: z.string().min(1),
  samples: z.number().int().min(1).max(64).default(1),
  round: z.number().int().min(0).default(0),
});

const CHUNK = 10;

registerJobKind({
  kind: "reasoning.generate",
  parseInput: (raw) => GenerateInput.parse(raw),
  prepareItems: (input) => Array.from({ length: Math.ceil(input.count / CHUNK) }, (_, i) => ({ ...input, count: Math.min(CHUNK, input.count - i * CHUNK), seed: input.seed * 1000 + i })),
  runItem: async (item) => {
    const r = generateAndStore({ db: studioDb(), slug: item.domain, count: item.count, seed: item.seed, round: item.round });
    return { verified: r.problems.length, stored: r.inserted, rejected: r.rejected.length };
  },
});

registerJobKind({
  kind: "reasoning.harden",
  parseInput: (raw) => HardenInput.parse(raw),
  prepareItems: (input) => evalFailures({ db: studioDb(), evalId: input.evalId, threshold: input.threshold, minSamples: input.minSamples }).map((f) => ({ problemId: f.problem.id })),
  runItem: async ({ problemId }, { jobInput, signal }) => {
    const db = studioDb();
    const report = await hardenProblems({ db, slug: jobInput.domain, parents: [getProblem({ db, id: problemId }).problem], seed: jobInput.seed, signal });
    return { variants: report.verified, rejected: report.rejected.length, before: report.mean_difficulty_before, after: report.mean_difficulty_after };
  },
});

/** One evaluation's agents, loaded once for all its problems (a checkpoint is read once, not per problem). */
const evalAgents = new Map<number, Promise<AgentFactory>>();
function agentsOfEval(db: Db, evalId: number, spec: string): Promise<AgentFactory> {
  let agents = evalAgents.get(evalId);
  if (!agents) {
    if (evalAgents.size >= 4) evalAgents.delete(evalAgents.keys().next().value!);
    agents = problemAgents(spec, studioAgentDeps(db));
    evalAgents.set(evalId, agents);
    agents.catch(() => evalAgents.delete(evalId));
  }
  return agents;
}

registerJobKind({
  kind: "reasoning.eval",
  parseInput: (raw) => z.object({ evalId: z.number().int().positive() }).extend(EvalInput.shape).parse(raw),
  prepareItems: (input) => listProblems({ db: studioDb(), filter: { domain: input.domain, verdict: "verified" }, limit: 100_000 }).rows.map((r) => ({ problemId: r.problem.id })),
  concurrency: 2,
  runItem: async ({ problemId }, { jobInput, signal }) => {
    const db = studioDb();
    const problem = getProblem({ db, id: problemId }).problem;
    const agentFor = await agentsOfEval(db, jobInput.evalId, jobInput.agent);
    const domain = loadDomain(db, jobInput.domain);
    let successes = 0;
    for (let trial = 0; trial < jobInput.samples; trial++) successes += (await runProblem(agentFor(problem, trial), problem, { domain, signal })).reward;
    recordPassRate({ db, evalId: jobInput.evalId, problemId, policy: jobInput.agent, round: jobInput.round, samples: jobInput.samples, successes });
    return { successes };
  },
  onComplete: (job) => {
    const db = studioDb();
    const { evalId } = job.input as { evalId: number };
    const rates = evalPassRates({ db, evalId });
    finishProblemEval({ db, id: evalId, summary: { eval_id: evalId, problems: rates.length, pass_rate: rates.length ? rates.reduce((s, r) => s + r.rate, 0) / rates.length : 0 } });
  },
});

export async function enqueueGenerate(db: Db, input: z.input<typeof GenerateInput>) {
  loadDomain(db, input.domain);
  return enqueueJob({ db, kind: "reasoning.generate", input });
}

export async function enqueueHarden(db: Db, input: z.input<typeof HardenInput>) {
  loadDomain(db, input.domain);
  getProblemEval({ db, id: input.evalId });
  return enqueueJob({ db, kind: "reasoning.harden", input });
}

export async function enqueueProblemEval(db: Db, input: z.input<typeof EvalInput>) {
  const parsed = EvalInput.parse(input);
  loadDomain(db, parsed.domain);
  checkProblemPolicy(parsed.agent, studioAgentDeps(db));
  const row = createProblemEval({ db, domain: parsed.domain, policy: parsed.agent, round: parsed.round, samples: parsed.samples });
  const job = await enqueueJob({ db, kind: "reasoning.eval", input: { ...parsed, evalId: row.id } });
  return { eval: row, job };
}
