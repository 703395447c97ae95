/**
 * TRL backend benchmark: GRPO on the tiny Qwen3 model (random weights, real tokenizer) against the
 * environment server, on this machine's CPU (or its GPU when torch sees one). Prints seconds per
 * GRPO step and generated tokens/s (the model's tokens over the time spent playing the episodes).
 * Needs the trainer's venv (npx flywheel trainer setup). Figures only.
 *
 *   npx tsx bench/trl.ts [steps] [group size] [tasks per step] [new tokens per turn]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RoundSpec, type RunStatus, type TrainEvent } from "@/lib/train/protocol";
import { trlBackend } from "@/lib/train/trl/backend";
import { hasVenv, trainerPaths } from "@/lib/train/trl/paths";
import { clinicTasks } from "@/lib/train/trl/test-fixture";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface TrlBenchOptions {
  steps: number;
  n: number;
  batchSize: number;
  maxNewTokens: number;
  /** Model shape overrides of tiny-qwen3 (hidden, layers …): a bigger model with random weights. */
  modelOptions?: Record<string, number>;
  onLog?: (message: string) => void;
}

export interface TrlBenchResult {
  status: RunStatus;
  steps: number;
  wallS: number;
  stepS: number;
  genS: number;
  genTokensPerS: number;
  responseLength: number;
  /** The worker's model line (parameters, dtype, device). */
  model: string;
  errors: string[];
}

/** One TRL round on 17 clinic cases, its GRPO step figures as medians after the first (warm-up) step. */
export async function trlRoundFigures(o: TrlBenchOptions): Promise<TrlBenchResult> {
  const tasks = clinicTasks();
  const spec = RoundSpec.parse({
    backend: "trl",
    model: { kind: "hf", path: "tiny-qwen3", options: o.modelOptions ?? {} },
    dataset: { kind: "domain", domainSlug: "clinic-appointments" },
    grpo: { n: o.n, batchSize: o.batchSize, maxTurns: 4, maxNewTokens: o.maxNewTokens },
    schedule: { steps: o.steps, evalEvery: 1000, saveEvery: 1000 },
  });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-trl-"));
  const events: TrainEvent[] = [];
  const started = Date.now();
  try {
    const emit = (e: unknown) => {
      const event = e as TrainEvent;
      events.push(event);
      if (event.type === "log") o.onLog?.(event.message);
    };
    const status = await trlBackend.run({ runId: 0, spec, data: { label: "clinic", domain: tasks[0].domain, train: tasks.slice(0, 17), validation: [] }, runDir, emit, signal: new AbortController().signal });
    const metrics = events.filter((e): e is Extract<TrainEvent, { type: "metrics" }> => e.type === "metrics" && e.phase === "grpo");
    const warm = metrics.length > 1 ? metrics.slice(1) : metrics; // the first step pays for warm-up
    const col = (name: string) => median(warm.map((m) => m.data[name]).filter((x) => Number.isFinite(x)));
    const logs = events.filter((e): e is Extract<TrainEvent, { type: "log" }> => e.type === "log");
    return {
      status,
      steps: metrics.length,
      wallS: (Date.now() - started) / 1000,
      stepS: col("timing_s/step"),
      genS: col("timing_s/gen"),
      genTokensPerS: col("perf/gen_tokens_per_s"),
      responseLength: col("response_length/mean"),
      model: logs.find((e) => /parameters/.test(e.message))?.message ?? "",
      errors: logs.filter((e) => e.level === "error").map((e) => e.message),
    };
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

export async function benchTrl(argv: string[] = []): Promise<void> {
  if (!hasVenv()) return console.log(`skipped: no trainer venv at ${trainerPaths().venvDir} (npx flywheel trainer setup)`);
  const [steps = 4, n = 4, batchSize = 2, maxNewTokens = 32] = argv.map(Number);
  const r = await trlRoundFigures({ steps, n, batchSize, maxNewTokens });
  if (r.status !== "SUCCEEDED" || !r.steps) return console.log(`run ${r.status}: ${r.errors.join("\n")}`);
  console.log(r.model);
  console.log(`${steps} GRPO steps, ${n} rollouts × ${batchSize} tasks a step, ≤${maxNewTokens} new tokens a turn, ≤4 turns; ${r.wallS.toFixed(0)} s in all (start-up included)`);
  console.log(`seconds per GRPO step (median after the first): ${r.stepS.toFixed(2)} (generation ${r.genS.toFixed(2)})`);
  console.log(`generated tokens/s while playing episodes: ${r.genTokensPerS.toFixed(1)}; model tokens per rollout ${r.responseLength.toFixed(1)}`);
}

if (process.argv[1]?.endsWith("trl.ts")) void benchTrl(process.argv.slice(2));
