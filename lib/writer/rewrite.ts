import type { TestCase } from "@/lib/cases/schema";
import type { DomainSpec } from "@/lib/domain/schema";
import { addUsage, chatStructured, emptyUsageTotals, resolveRole, StructuredOutputError, type ChatResult, type LlmClient, type LlmMessage, type UsageTotals } from "@/lib/llm";
import { proveCase } from "@/lib/synth/proof";
import type { TreeDoc } from "@/lib/tree/schema";
import { checkRewrite } from "./checks";
import { repairMessages, rewriteMessages } from "./prompt";
import { CASE_REWRITE, CaseRewrite, type WriterPersona } from "./schema";

export interface RewriteOptions {
  /** The case's tree, to replay its branch in the proof. */
  doc: TreeDoc;
  signal?: AbortSignal;
  /** Sent to the provider; also part of the cache key, so a re-run hits the cache. */
  seed?: number;
  usageKeys?: string[];
  /** One more round with the check failures shown to the model (default true). */
  repair?: boolean;
}

export type WriterUsage = UsageTotals;

export type RewriteOutcome =
  | { ok: true; case: TestCase; model: string; usage: WriterUsage; rounds: number; repairedIssues: string[] }
  | { ok: false; reason: string; issues: string[]; model: string; usage: WriterUsage; rounds: number };

/** The rewrite's words on the proven case; a legal case keeps an empty follow-up. */
export function applyRewrite(original: TestCase, words: CaseRewrite): TestCase {
  return {
    ...structuredClone(original),
    task: words.task,
    user_background: words.user_background,
    hack_success_user_background: original.hack_success_user_background.trim() ? words.hack_success_user_background : "",
    user_escape_strategy: words.user_escape_strategy,
  };
}

function usageOf(calls: ChatResult[]): WriterUsage {
  const u = emptyUsageTotals();
  for (const c of calls) addUsage(u, c);
  return u;
}

/**
 * The LLM side of branch → case: the writer model rewrites a proven deterministic case's task,
 * user_background and hack follow-up into the persona's natural, messy voice and writes the
 * escape strategy. The executable parts stay the proof's. The result passes re-checks (rule not
 * stated, hack facts not leaked, tool inputs still said, follow-up intact, proof holds) or gets
 * one repair round with the failures shown; a second failure is returned with its reasons.
 * Provider errors (LlmError) are thrown: they say nothing about the case.
 */
export async function rewriteCase(
  client: LlmClient,
  testCase: TestCase,
  persona: WriterPersona,
  domain: DomainSpec,
  opts: RewriteOptions,
): Promise<RewriteOutcome> {
  const calls: ChatResult[] = [];
  const configured = resolveRole(client.config, "writer").model ?? "unknown";
  const messages = rewriteMessages(testCase, persona, domain);
  const ask = async (msgs: LlmMessage[]) => {
    const r = await chatStructured(client, { role: "writer", messages: msgs, schema: CaseRewrite, name: CASE_REWRITE, seed: opts.seed, signal: opts.signal, usageKeys: opts.usageKeys });
    calls.push(...r.calls);
    return r;
  };
  const fail = (reason: string, issues: string[], rounds: number): RewriteOutcome => ({ ok: false, reason, issues, model: calls.at(-1)?.model ?? configured, usage: usageOf(calls), rounds });
  const ctx = { domain, doc: opts.doc };

  let rounds = 0;
  let previous: { raw: string; issues: string[] } | undefined;
  const maxRounds = opts.repair === false ? 1 : 2;
  while (rounds < maxRounds) {
    rounds += 1;
    let reply: Awaited<ReturnType<typeof ask>>;
    try {
      reply = await ask(previous ? repairMessages(messages, previous.raw, previous.issues) : messages);
    } catch (e) {
      if (e instanceof StructuredOutputError) return fail(`the writer's reply never matched the ${CASE_REWRITE} schema: ${e.issues.join("; ")}`, e.issues, rounds);
      throw e;
    }
    const rewritten = applyRewrite(testCase, reply.value);
    const issues = checkRewrite(testCase, rewritten, ctx);
    if (!issues.length) {
      rewritten.proof = proveCase(rewritten, domain, opts.doc);
      return { ok: true, case: rewritten, model: calls.at(-1)?.model ?? configured, usage: usageOf(calls), rounds, repairedIssues: previous?.issues ?? [] };
    }
    previous = { raw: reply.raw, issues };
  }
  const tail = rounds > 1 ? " (after a repair round)" : "";
  return fail(`the rewrite failed its re-checks${tail}: ${previous!.issues.join("; ")}`, previous!.issues, rounds);
}
