import { z } from "zod";
import { chatStructured, type LlmClient, type LlmMessage } from "@/lib/llm";
import type { DomainSpec } from "@/lib/domain/schema";
import { readTools } from "./plan/read-tools";
import { anchorIdentity } from "./plan/anchor";
import { patchDatabase } from "./query/tables";
import type { Problem } from "./schema";

const RewriteReply = z.object({ statement: z.string().min(1) });

/**
 * What a rewrite must keep verbatim so that it still asks the same question: the facts that
 * name each anchor, every compared value and date, top-k's k, and the field the answer names.
 */
export function mustKeep(problem: Problem, domain: DomainSpec): string[] {
  if (!problem.program) return [];
  const db = patchDatabase(domain.db, problem.program.db_patch);
  const tools = readTools(domain, db);
  const keep = new Set<string>();
  for (const q of problem.program.queries) {
    for (const f of anchorIdentity(tools, db, q.anchor).facts) keep.add(String(f.value));
    for (const s of q.steps) {
      if (s.op === "where" && s.value !== null && typeof s.value !== "boolean") keep.add(String(s.value));
      if (s.op === "window") keep.add(s.from).add(s.to);
    }
    if (q.result.op === "top_k") keep.add(String(q.result.k));
    if ("pick" in q.result) keep.add(q.result.pick);
  }
  return [...keep];
}

export type RewriteOutcome = { ok: true; problem: Problem; rounds: number } | { ok: false; reason: string };

/**
 * The statement in a persona's voice, re-checked: every value that pins the question down must
 * survive verbatim. One repair round shows the model what it dropped; a second miss is a
 * rejection with the reason. The answer, program and plan are untouched.
 */
export async function rewriteStatement(client: LlmClient, problem: Problem, domain: DomainSpec, persona: string, options: { seed?: number; signal?: AbortSignal } = {}): Promise<RewriteOutcome> {
  const keep = mustKeep(problem, domain);
  const messages: LlmMessage[] = [
    { role: "system", content: "Rewrite the question in the voice and circumstances of the persona, as they would ask it. It must ask exactly the same thing: keep every listed value verbatim, add no new condition, and do not answer it." },
    { role: "user", content: `<persona>${persona}</persona>\n<question>${problem.statement}</question>\n<keep>${JSON.stringify(keep)}</keep>` },
  ];
  for (let round = 1; round <= 2; round++) {
    const reply = await chatStructured(client, { role: "writer", name: "problem_rewrite", schema: RewriteReply, messages, seed: options.seed, signal: options.signal });
    const statement = reply.value.statement.trim();
    const missing = keep.filter((k) => !statement.includes(k));
    if (!missing.length) return { ok: true, problem: { ...problem, statement }, rounds: round };
    if (round === 2) return { ok: false, reason: `the rewrite drops ${missing.map((m) => JSON.stringify(m)).join(", ")}, so it no longer asks the same question` };
    messages.push({ role: "assistant", content: reply.raw }, { role: "user", content: `Your rewrite dropped ${missing.map((m) => JSON.stringify(m)).join(", ")}. Put them back verbatim; keep the persona's voice.` });
  }
  return { ok: false, reason: "unreachable" };
}
