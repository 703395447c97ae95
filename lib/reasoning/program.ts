import type { DomainSpec } from "@/lib/domain/schema";
import { evaluateQuery } from "./query/evaluate";
import { ReadTrace, refOf } from "./query/rows";
import type { Program } from "./query/schema";
import { patchDatabase } from "./query/tables";
import { anchorIdentity, type AnchorIdentity } from "./plan/anchor";
import { planCalls } from "./plan/plan";
import { readTools } from "./plan/read-tools";
import type { Answer, AnswerAtom, PlannedCall } from "./schema";

export interface ProgramRun {
  ok: true;
  answer: Answer;
  plan: PlannedCall[];
  anchors: AnchorIdentity[];
  difficulty: { solution_steps: number; tool_calls: number; score: number };
  /** Records the solution inspects ("orders/#W2002"). */
  records: string[];
}

export type ProgramOutcome = ProgramRun | { ok: false; reason: string };

/**
 * Runs a solution program on the domain's database (with the program's patch): the answer,
 * the read-tool plan that reaches every record it reads, and the difficulty computed from both.
 * A composition answers a list (one element per question); its questions must answer scalars.
 */
export function runProgram(program: Program, domain: Pick<DomainSpec, "tools" | "db">): ProgramOutcome {
  const db = patchDatabase(domain.db, program.db_patch);
  const tools = readTools(domain, db);
  const trace = new ReadTrace();
  const contributing = new Set<string>();
  const given = new Map<string, Set<string>>();
  const anchors: AnchorIdentity[] = [];
  const answers: Answer[] = [];
  let ops = program.queries.length - 1;
  for (const [i, query] of program.queries.entries()) {
    const label = program.queries.length > 1 ? `question ${i + 1}: ` : "";
    const out = evaluateQuery(query, db);
    if (!out.ok) return { ok: false, reason: `${label}${out.reason}` };
    trace.merge(out.trace);
    for (const r of out.contributing) contributing.add(r);
    ops += out.ops;
    answers.push(out.answer);
    const identity = anchorIdentity(tools, db, query.anchor);
    anchors.push(identity);
    given.set(refOf(query.anchor.table, query.anchor.key), new Set(identity.facts.map((f) => f.field)));
  }
  const plan = planCalls({ tools, db, facts: anchors.flatMap((a) => a.facts), needs: trace.reads, contributing, given });
  if (plan.unreachable.length) {
    const more = plan.unreachable.length > 3 ? ` and ${plan.unreachable.length - 3} more` : "";
    return { ok: false, reason: `unreachable: the answer needs ${plan.unreachable.slice(0, 3).join(", ")}${more}, which no read tool shows from the statement's facts` };
  }
  let answer: Answer;
  if (answers.length === 1) answer = answers[0];
  else {
    const bad = answers.findIndex((a) => Array.isArray(a.value));
    if (bad >= 0) return { ok: false, reason: `question ${bad + 1} answers a ${answers[bad].kind}; a composition needs single values` };
    answer = { kind: "list", value: answers.map((a) => a.value as AnswerAtom), tolerance: Math.max(...answers.map((a) => a.tolerance ?? 0)) };
  }
  const records = plan.inspected;
  const solution_steps = ops + records.length;
  return { ok: true, answer, plan: plan.calls, anchors, records, difficulty: { solution_steps, tool_calls: plan.calls.length, score: solution_steps + plan.calls.length } };
}
