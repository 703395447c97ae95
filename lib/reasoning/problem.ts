import { stableHash } from "@/lib/chat/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { runProgram } from "./program";
import type { Program } from "./query/schema";
import { readTools } from "./plan/read-tools";
import { renderStatement } from "./render";
import type { Mutation, Problem } from "./schema";

/** A content id: 64 bits of two FNV-1a hashes (browser-safe; no node:crypto in lib/reasoning). */
export function contentId(prefix: string, text: string): string {
  const a = stableHash(text).toString(36).padStart(7, "0");
  const b = stableHash(`\u0001${text}`).toString(36).padStart(7, "0");
  return `${prefix}_${a}${b}`;
}

/** Canonical JSON (sorted keys) so equal programs get equal ids. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export interface ProgramProblemOptions {
  parent?: Problem | null;
  mutation?: Mutation | null;
  round?: number;
}

export type Built = { ok: true; problem: Problem } | { ok: false; reason: string; program: Program };

/**
 * A problem from a program: the statement rendered from its queries, the answer computed by
 * running them, the plan and difficulty computed from the reads. A program whose answer is
 * ambiguous or unreachable is a rejection with the reason.
 */
export function programProblem(domain: DomainSpec, program: Program, options: ProgramProblemOptions = {}): Built {
  const run = runProgram(program, domain);
  if (!run.ok) return { ok: false, reason: run.reason, program };
  const statement = renderStatement(program.queries, run.anchors.map((a) => a.facts));
  const id = contentId("p", `${domain.slug}\n${canonical(program)}`);
  const parent = options.parent ?? null;
  const problem: Problem = {
    id,
    domain: domain.slug,
    statement,
    answer: run.answer,
    source: "program",
    program,
    plan: run.plan,
    tools: readTools(domain).map((t) => t.name),
    difficulty: { ...run.difficulty, pass_rates: [] },
    lineage: { parent: parent?.id ?? null, root: parent ? parent.lineage.root : id, mutation: options.mutation ?? null, round: options.round ?? (parent ? parent.lineage.round + 1 : 0) },
    verdict: "verified",
    reason: "",
  };
  return { ok: true, problem };
}
