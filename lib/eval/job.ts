import { z } from "zod";
import { studioDb } from "@/db";
import type { Db } from "@/db/client";
import type { EvalRunRow } from "@/db/queries/evals";
import { withUsageReporter } from "@/lib/generate/llm";
import { enqueueJob } from "@/lib/jobs/control";
import { registerJobKind } from "@/lib/jobs/registry";
import { executeEval, prepareEval, studioAgentDeps, type EvalRequestInput } from "./execute";

export const EVAL_KIND = "eval.run";

/**
 * `eval.run`: one item, the whole evaluation (pass^k needs every trial of a case, and the pool
 * inside runEval already runs trials side by side). The row holds the request; the job only its
 * id. A re-run after a crash or a resume starts the evaluation over. Model tokens are reported
 * on the item.
 */
export const evalRunJob = registerJobKind({
  kind: EVAL_KIND,
  parseInput: (raw) => z.object({ evalId: z.number().int().positive() }).parse(raw),
  prepareItems: (input) => [input],
  concurrency: 1,
  async runItem({ evalId }, { signal, jobId, idx, reportUsage }) {
    const db = studioDb();
    const usageKey = `job:${jobId}#${idx}`;
    const summary = await withUsageReporter(
      usageKey,
      (e) => reportUsage({ promptTokens: e.usage.promptTokens, completionTokens: e.usage.completionTokens, cost: e.cost ?? 0 }),
      () => executeEval({ db, evalId, signal, deps: { ...studioAgentDeps(db), usageKeys: [usageKey] } }),
    );
    return { evalId, cases: summary.cases, trials: summary.trials, pass_at_1: summary.pass_at_1, pass_hat_k: summary.pass_hat_k };
  },
});

/** Checks and stores an evaluation, then queues its job (the panel's path; the CLI runs in process). */
export async function enqueueEval({ db, request, createdBy = "" }: { db: Db; request: EvalRequestInput; createdBy?: string }): Promise<{ eval: EvalRunRow; jobId: number; cases: number }> {
  const prepared = prepareEval({ db, request, createdBy });
  const job = await enqueueJob({ db, kind: EVAL_KIND, input: { evalId: prepared.eval.id } });
  return { ...prepared, jobId: job.id };
}
