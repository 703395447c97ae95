import path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { DomainError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/chat/schema";
import { isProblemTask, taskOutcome, type EpisodeTask } from "@/lib/rollout";
import { createRng, seedFor } from "@/lib/synth/prng";
import { METRICS, type RoundData, type RoundSpec, type RunStatus, type TrainEventInput } from "@/lib/train/protocol";
import { loadCheckpoint, saveCheckpoint } from "./checkpoint";
import { evaluate } from "./evaluate";
import { grpoStep } from "./grpo-step";
import type { BuiltinJob } from "./job-file";
import { disposeWeights, Policy } from "./policy";
import { builtinSettings, type BuiltinSettings } from "./settings";
import { epochBatches, oracleConversations, sftPool } from "./sft";
import { selectTfBackend } from "./tf-backend";
import { sftUpdate } from "./update";
import { buildVocab } from "./vocab";

type Emit = (event: TrainEventInput) => void;
const seconds = (since: number) => (performance.now() - since) / 1000;
/** Lets the event loop run (a stop signal's handler, stdout) between steps of otherwise synchronous work. */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

function startingPolicy(spec: RoundSpec, data: RoundData, settings: BuiltinSettings, conversations: ChatMessage[][]): Policy {
  if (spec.model.kind === "hf") throw new DomainError("invalid", "the built-in backend trains its own small policy (scratch or a built-in checkpoint); Hugging Face models need the trl backend");
  if (spec.model.kind === "checkpoint") return loadCheckpoint(spec.model.path).policy;
  const cases = data.train.filter((t): t is EpisodeTask => !isProblemTask(t)).map((t) => t.testCase);
  const vocab = buildVocab({ domain: data.domain, cases, conversations, slots: settings.size.slots });
  return Policy.fresh(vocab, settings.size, spec.seed);
}

/**
 * A whole built-in round: the untrained policy's validation score, the SFT warm start on the
 * oracle's normal-path conversations, then GRPO steps (n rollouts per task against the scripted
 * user, group advantages, clipped ratio, k3 KL to the post-SFT reference, Adam), with evals,
 * samples and checkpoints on the schedule. An aborted signal ends it after the current step
 * with a checkpoint and STOPPED.
 */
export async function trainBuiltin(job: BuiltinJob, emit: Emit, signal: AbortSignal): Promise<RunStatus> {
  const { spec, data, runDir } = job;
  const { grpo, schedule, seed } = spec;
  emit({ type: "status", status: "RUNNING", message: `built-in policy on ${data.label}` });
  let policy: Policy | null = null;
  try {
    if (!data.train.length) throw new DomainError("invalid", `${data.label} has no training cases`);
    const settings = builtinSettings(spec);
    const o = settings.options;
    const backend = await selectTfBackend(settings.tfBackend);
    emit({ type: "log", level: backend.fellBack ? "warn" : "info", message: backend.note });
    const oracle = oracleConversations(data.train, o.sftWordings);
    if (oracle.failed) emit({ type: "log", level: "warn", message: `${oracle.failed} oracle conversation(s) could not be built and are left out of SFT` });
    const p = (policy = startingPolicy(spec, data, settings, oracle.conversations));
    const L = p.config.contextLength;
    emit({ type: "log", message: `policy: ${p.parameterCount.toLocaleString("en")} parameters, vocabulary ${p.vocab.size}, d_model ${p.config.dModel}, ${p.config.layers} layer(s), ${p.config.heads} head(s), context ${L}` });
    const problems = [...data.train, ...data.validation].filter(isProblemTask).length;
    if (problems && !p.vocab.answers)
      emit({ type: "log", level: "warn", message: `this checkpoint's vocabulary has no ANSWER action (it was saved before problems were trainable): its ${problems} problem(s) cannot be answered and score 0; start from scratch to train on them` });
    const play = { maxTurns: grpo.maxTurns, maxNewTokens: grpo.maxNewTokens };

    /** Saves under checkpoints/step-<GRPO step> (an SFT checkpoint: sft-<SFT step>, reported as GRPO step 0). */
    const checkpoint = async (step: number, phase: "sft" | "grpo" | "stop", sftStep?: number) => {
      const name = sftStep === undefined ? `step-${step}` : `sft-${sftStep}`;
      const dir = await saveCheckpoint(path.join(runDir, "checkpoints", name), p, { step, phase, seed, temperature: grpo.temperature, maxTurns: grpo.maxTurns });
      emit({ type: "checkpoint", step, path: dir });
    };
    const stop = async (step: number, phase: "sft" | "grpo"): Promise<RunStatus> => {
      if (phase === "sft") await checkpoint(0, "stop", step);
      else await checkpoint(step, "stop");
      emit({ type: "status", status: "STOPPED", message: `stopped on request after ${phase.toUpperCase()} step ${step}` });
      return "STOPPED";
    };
    const runEval = async (step: number) => {
      if (!data.validation.length) return;
      const r = await evaluate(await p.actor(settings.sampler), data.validation, play);
      emit({ type: "eval", step, reward: r.reward, byKind: r.byKind });
      emit({ type: "metrics", step, phase: "val", data: { [METRICS.valScore]: r.reward, [METRICS.valPass]: r.reward } });
    };
    if (!data.validation.length) emit({ type: "log", level: "warn", message: "no validation cases: evaluations are skipped" });
    if (spec.model.kind === "scratch" && !schedule.sftSteps)
      emit({ type: "log", level: "warn", message: "no SFT warm start (schedule.sftSteps is 0): a policy from scratch almost never earns a reward, so GRPO has nothing to reinforce; 40–60 SFT steps are usually enough" });

    await runEval(0); // the untrained (or loaded) policy

    // SFT warm start
    const { pool, unreadable, unanswered } = sftPool(p.vocab, oracle.conversations, L);
    if (unreadable) emit({ type: "log", level: "warn", message: `${unreadable} oracle conversation(s) use moves or values outside the policy's vocabulary and are left out of SFT` });
    if (unanswered) emit({ type: "log", message: `${unanswered} problem solution(s) end in a computed answer (a count, a sum) that the policy cannot copy from the conversation: SFT learns their reads, not their answer` });
    if (schedule.sftSteps > 0 && pool.length) {
      const sftOptimizer = tf.train.adam(o.sftLearningRate);
      const nextBatch = epochBatches(pool, o.sftBatchSize, createRng(seedFor(seed, "sft")));
      for (let step = 1; step <= schedule.sftSteps; step++) {
        await breathe();
        if (signal.aborted) return await stop(step - 1, "sft");
        const t0 = performance.now();
        const r = await sftUpdate(p, sftOptimizer, nextBatch(), o.maxGradNorm);
        const dt = seconds(t0);
        emit({ type: "metrics", step, phase: "sft", data: { [METRICS.sftLoss]: r.loss, [METRICS.gradNorm]: r.gradNorm, [METRICS.lr]: o.sftLearningRate, [METRICS.stepTime]: dt, [METRICS.throughput]: r.tokens / dt } });
      }
      sftOptimizer.dispose();
      await breathe();
      if (signal.aborted) return await stop(schedule.sftSteps, "sft");
      await runEval(0); // the schedule's start: the policy GRPO begins from
    }

    // GRPO
    const reference = grpo.klCoef > 0 ? p.frozen() : null;
    const optimizer = tf.train.adam(grpo.learningRate);
    const nextTasks = epochBatches(data.train, grpo.batchSize, createRng(seedFor(seed, "tasks")));
    let saved = -1;
    try {
      for (let step = 1; step <= schedule.steps; step++) {
        await breathe();
        if (signal.aborted) return await stop(step - 1, "grpo");
        const tasks = nextTasks();
        const { data: metrics, rollouts } = await grpoStep({ policy: p, optimizer, reference, tasks, grpo, options: o, sampler: settings.sampler, rng: createRng(seedFor(seed, `step:${step}`)) });
        emit({ type: "metrics", step, phase: "grpo", data: metrics });
        for (let g = 0; g < Math.min(o.samplesPerStep, tasks.length); g++) {
          const r = rollouts[g * grpo.n];
          emit({ type: "sample", step, caseId: tasks[g].id, branchKind: taskOutcome(tasks[g]), reward: r.reward, messages: r.messages });
        }
        await breathe();
        if (signal.aborted) return await stop(step, "grpo");
        if (step % schedule.evalEvery === 0 || step === schedule.steps) await runEval(step);
        if (step % schedule.saveEvery === 0 || step === schedule.steps) {
          await checkpoint(step, "grpo");
          saved = step;
        }
      }
    } finally {
      optimizer.dispose();
      if (reference) disposeWeights(reference);
    }
    if (saved !== schedule.steps) await checkpoint(schedule.steps, schedule.steps ? "grpo" : "sft");
    emit({ type: "status", status: "SUCCEEDED", message: `${schedule.sftSteps} SFT and ${schedule.steps} GRPO step(s)` });
    return "SUCCEEDED";
  } catch (e) {
    emit({ type: "status", status: "FAILED", message: (e as Error).message });
    return "FAILED";
  } finally {
    policy?.dispose();
  }
}
