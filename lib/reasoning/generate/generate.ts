import type { DomainSpec } from "@/lib/domain/schema";
import { createRng } from "@/lib/synth/prng";
import { checkProblem } from "../check";
import { canonical, programProblem } from "../problem";
import type { AnswerKind, Problem } from "../schema";
import { candidateQuery, scopesOf } from "./templates";

export interface GenerateOptions {
  count: number;
  seed?: number;
  /** Candidates tried before giving up (default 40 per problem asked for). */
  maxAttempts?: number;
  round?: number;
}

export interface Rejection {
  reason: string;
  statement?: string;
}

export interface GenerateReport {
  problems: Problem[];
  /** Distinct candidate programs built (verified + rejected). */
  generated: number;
  rejected: Rejection[];
  byKind: Partial<Record<AnswerKind, number>>;
}

/**
 * Data-analysis problems from a domain's database: candidate queries from templates over
 * random anchors, each run for its answer, planned against the read tools, and re-checked
 * (answer recomputed, plan replayed in the environment). Ambiguous, empty and unreachable
 * candidates are rejections with their reasons; repeats of a program are skipped.
 * Deterministic for a seed.
 */
export function generateProblems(domain: DomainSpec, options: GenerateOptions): GenerateReport {
  const rng = createRng(options.seed ?? 0);
  const scopes = scopesOf(domain.db);
  const problems: Problem[] = [];
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const maxAttempts = options.maxAttempts ?? Math.max(40, options.count * 40);
  for (let attempt = 0; attempt < maxAttempts && problems.length < options.count && scopes.length; attempt++) {
    const scope = rng.pick(scopes);
    const keys = Object.keys(domain.db[scope.anchorTable]).sort();
    const query = candidateQuery(domain.db, scope, rng.pick(keys), rng);
    if (!query) continue;
    const program = { queries: [query], db_patch: [] };
    const id = canonical(program);
    if (seen.has(id)) continue;
    seen.add(id);
    const built = programProblem(domain, program, { round: options.round ?? 0 });
    if (!built.ok) {
      rejected.push({ reason: built.reason });
      continue;
    }
    const failures = checkProblem(built.problem, domain);
    if (failures.length) rejected.push({ reason: failures.join("; "), statement: built.problem.statement });
    else problems.push(built.problem);
  }
  const byKind: Partial<Record<AnswerKind, number>> = {};
  for (const p of problems) byKind[p.answer.kind] = (byKind[p.answer.kind] ?? 0) + 1;
  return { problems, generated: problems.length + rejected.length, rejected, byKind };
}
