import type { DomainSpec } from "@/lib/domain/schema";
import { createRng } from "@/lib/synth/prng";
import { checkProblem } from "../check";
import { canonical, programProblem } from "../problem";
import { evaluateQuery } from "../query/evaluate";
import { patchDatabase } from "../query/tables";
import type { Step } from "../query/schema";
import type { Mutation, Problem } from "../schema";
import { candidatesFor } from "./candidates";

export const PROGRAM_MUTATIONS = ["add_filter", "add_hop", "group", "compose", "distractor", "date_window"] as const satisfies readonly Mutation[];

export interface RejectedVariant {
  parent: string;
  mutation: Mutation;
  reason: string;
}

export interface MutationReport {
  variants: Problem[];
  rejected: RejectedVariant[];
}

/**
 * Harder variants of a program problem, at most one per mutation: each candidate runs as a new
 * program and is kept only if its answer is unambiguous and reachable, it re-checks, and its
 * computed difficulty is strictly above the parent's. A mutation with no such candidate is a
 * rejection that says why its last candidate failed.
 */
export function mutateProblem(domain: DomainSpec, parent: Problem, options: { seed?: number; mutations?: readonly Mutation[]; round?: number; exclude?: Set<string> } = {}): MutationReport {
  const variants: Problem[] = [];
  const rejected: RejectedVariant[] = [];
  if (parent.source !== "program" || !parent.program) return { variants, rejected: [{ parent: parent.id, mutation: "add_filter", reason: "only program problems harden by mutation" }] };
  const rng = createRng((options.seed ?? 0) ^ parent.id.length * 7919);
  const program = parent.program;
  const base = program.queries[0];
  const db = patchDatabase(domain.db, program.db_patch);
  const seen = new Set(options.exclude ?? []);
  seen.add(parent.id);
  for (const mutation of options.mutations ?? PROGRAM_MUTATIONS) {
    let last = "no candidate fits this problem";
    let kept = false;
    for (const c of candidatesFor(mutation, base, db, rng)) {
      const queries = mutation === "compose" ? c.queries : [...c.queries, ...program.queries.slice(1)];
      const next = { queries, db_patch: [...program.db_patch, ...(c.patch ?? [])] };
      const built = programProblem(domain, next, { parent, mutation, round: options.round });
      if (!built.ok) {
        last = built.reason;
        continue;
      }
      const v = built.problem;
      if (seen.has(v.id)) {
        last = "the same variant exists already";
        continue;
      }
      if (v.difficulty.score <= parent.difficulty.score) {
        last = `not harder: difficulty ${v.difficulty.score} ≤ the parent's ${parent.difficulty.score}`;
        continue;
      }
      if (mutation === "distractor") {
        const why = distractorMatters(next, c.patch ?? [], domain, v);
        if (why) {
          last = why;
          continue;
        }
      }
      const failures = checkProblem(v, domain);
      if (failures.length) {
        last = failures.join("; ");
        continue;
      }
      seen.add(v.id);
      variants.push(v);
      kept = true;
      break;
    }
    if (!kept) rejected.push({ parent: parent.id, mutation, reason: last });
  }
  return { variants, rejected };
}

/** A distractor must change the answer of an agent that skips the filter it fails; else it is noise. */
function distractorMatters(program: NonNullable<Problem["program"]>, patch: { table: string; key: string; record: Record<string, unknown> }[], domain: DomainSpec, variant: Problem): string | null {
  const db = patchDatabase(domain.db, program.db_patch);
  const q = program.queries[0];
  // the careless agent skips every filter the distractor fails
  const steps = q.steps.filter((s) => !((s.op === "where" || s.op === "window") && patch.some((p) => failsOn(s, p.record))));
  const careless = evaluateQuery({ ...q, steps }, db);
  if (careless.ok && canonical(careless.answer.value) === canonical(variant.answer.value)) return `the distractor ${patch.map((p) => `${p.table}/${p.key}`).join(", ")} would not change a careless answer`;
  return null;
}

function failsOn(step: Extract<Step, { op: "where" | "window" }>, row: Record<string, unknown>): boolean {
  const v = row[step.field];
  if (step.op === "window") return typeof v !== "string" || v.slice(0, 10) < step.from || v.slice(0, 10) > step.to;
  const want = step.value;
  switch (step.cmp) {
    case "eq": return v !== want;
    case "ne": return v === want;
    case "gt": return !(typeof v === "number" && v > (want as number));
    case "ge": return !(typeof v === "number" && v >= (want as number));
    case "lt": return !(typeof v === "number" && v < (want as number));
    case "le": return !(typeof v === "number" && v <= (want as number));
  }
  return false;
}
