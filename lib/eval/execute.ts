import { z } from "zod";
import type { Db } from "@/db/client";
import { createEval, failEval, finishEval, recordResult, restartEval, type EvalRunRow } from "@/db/queries/evals";
import { loadTrainingData } from "@/db/queries/train-dataset";
import { getRun } from "@/db/queries/train-runs";
import { studioLlmClient, studioLlmConfig } from "@/lib/generate/llm";
import { DatasetRef } from "@/lib/train/protocol";
import { checkAgentSpec, resolveAgent, type AgentDeps } from "./agents";
import type { EvalSummary, TrialResult } from "./metrics";
import { runEval, type EvalAgent } from "./run";
import { checkUserMode, EVAL_SPLITS, EvalSetup, tasksOfSplit, userFactory, USER_MODES } from "./setup";

/** A request for an evaluation (the API's body, the CLI's flags). */
export const EvalRequest = z.object({
  agent: z.string().trim().min(1, "name an agent"),
  dataset: DatasetRef,
  split: z.enum(EVAL_SPLITS).default("validation"),
  trials: z.number().int().min(1).max(32).default(1),
  user: z.enum(USER_MODES).default("scripted"),
  maxTurns: EvalSetup.shape.maxTurns,
  seed: EvalSetup.shape.seed,
  /** Attach the evaluation to a training run (before/after a round). */
  runId: z.number().int().positive().optional(),
  label: z.string().trim().max(200).default(""),
});
export type EvalRequest = z.infer<typeof EvalRequest>;
export type EvalRequestInput = z.input<typeof EvalRequest>;

/** The studio's provider settings and its shared, cached client. */
export function studioAgentDeps(db: Db): AgentDeps {
  return { llmConfig: studioLlmConfig(db), llmClient: (config) => studioLlmClient(db, config) };
}

/**
 * Checks everything that can fail before any trial runs (the agent spec, a checkpoint directory,
 * the provider, the dataset and its split, the training run) and stores the evaluation.
 */
export function prepareEval({ db, request, createdBy = "", deps = studioAgentDeps(db) }: { db: Db; request: EvalRequestInput; createdBy?: string; deps?: AgentDeps }): { eval: EvalRunRow; cases: number } {
  const r = EvalRequest.parse(request);
  checkAgentSpec(r.agent, deps);
  checkUserMode(r.user, deps.llmConfig);
  const setup: EvalSetup = { ref: r.dataset, split: r.split, user: r.user, maxTurns: r.maxTurns, seed: r.seed };
  const data = loadTrainingData({ db, ref: setup.ref, seed: setup.seed });
  const tasks = tasksOfSplit(data, setup.split);
  if (r.runId !== undefined) getRun({ db, id: r.runId });
  const label = r.label || `${r.agent} on ${data.label}, ${r.split}`;
  return { eval: createEval({ db, agent: r.agent, dataset: setup, trials: r.trials, runId: r.runId ?? null, label, createdBy }), cases: tasks.length };
}

/**
 * Runs a stored evaluation from the start: every trial is stored as it finishes, the summary at
 * the end. A failure (or a stop) marks the evaluation failed with the reason, then rethrows.
 */
export async function executeEval({ db, evalId, signal, concurrency, onResult, deps = studioAgentDeps(db) }: {
  db: Db; evalId: number; signal?: AbortSignal; concurrency?: number; onResult?: (result: TrialResult) => void; deps?: AgentDeps;
}): Promise<EvalSummary> {
  const row = restartEval({ db, id: evalId });
  let agent: EvalAgent | undefined;
  try {
    const setup = EvalSetup.parse(row.dataset);
    const data = loadTrainingData({ db, ref: setup.ref, seed: setup.seed });
    const tasks = tasksOfSplit(data, setup.split);
    agent = await resolveAgent(row.agent, deps);
    const summary = await runEval({
      agent, tasks, trials: row.trials, concurrency, maxTurns: setup.maxTurns, signal, dataset: data.label,
      user: userFactory(setup.user, { ...deps, signal }),
      onResult: (result) => {
        recordResult({ db, evalId, result });
        onResult?.(result);
      },
    });
    const named = { ...summary, agent: row.agent };
    finishEval({ db, id: evalId, summary: named });
    return named;
  } catch (e) {
    failEval({ db, id: evalId, error: signal?.aborted ? "stopped before it finished (the job was cancelled or paused)" : (e as Error).message ?? String(e) });
    throw e;
  } finally {
    await agent?.close?.();
  }
}
