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
import { RoundSpec, type TrainEvent } from "@/lib/train/protocol";
import { trlBackend } from "@/lib/train/trl/backend";
import { hasVenv, trainerPaths } from "@/lib/train/trl/paths";
import { clinicTasks } from "@/lib/train/trl/test-fixture";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export async function benchTrl(argv: string[] = []): Promise<void> {
  if (!hasVenv()) return console.log(`skipped: no trainer venv at ${trainerPaths().venvDir} (npx flywheel trainer setup)`);
  const [steps = 4, n = 4, batchSize = 2, maxNewTokens = 32] = argv.map(Number);
  const tasks = clinicTasks();
  const spec = RoundSpec.parse({
    backend: "trl",
    model: { kind: "hf", path: "tiny-qwen3" },
    dataset: { kind: "domain", domainSlug: "clinic-appointments" },
    grpo: { n, batchSize, maxTurns: 4, maxNewTokens },
    schedule: { steps, evalEvery: 1000, saveEvery: 1000 },
  });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-trl-"));
  const events: TrainEvent[] = [];
  const started = Date.now();
  try {
    const status = await trlBackend.run({ runId: 0, spec, data: { label: "clinic", domain: tasks[0].domain, train: tasks.slice(0, 17), validation: [] }, runDir, emit: (e) => void events.push(e as TrainEvent), signal: new AbortController().signal });
    const wall = (Date.now() - started) / 1000;
    const metrics = events.filter((e): e is Extract<TrainEvent, { type: "metrics" }> => e.type === "metrics" && e.phase === "grpo");
    if (status !== "SUCCEEDED" || !metrics.length) {
      console.log(`run ${status}: ${events.filter((e) => e.type === "log" && e.level === "error").map((e) => (e as { message: string }).message).join("\n")}`);
      return;
    }
    const model = events.find((e) => e.type === "log" && /parameters/.test(e.message)) as { message: string } | undefined;
    const warm = metrics.length > 1 ? metrics.slice(1) : metrics; // the first step pays for warm-up
    const col = (name: string) => warm.map((m) => m.data[name]).filter((x) => Number.isFinite(x));
    console.log(model?.message ?? "");
    console.log(`${steps} GRPO steps, ${n} rollouts × ${batchSize} tasks a step, ≤${maxNewTokens} new tokens a turn, ≤4 turns; ${wall.toFixed(0)} s in all (start-up included)`);
    console.log(`seconds per GRPO step (median after the first): ${median(col("timing_s/step")).toFixed(2)} (generation ${median(col("timing_s/gen")).toFixed(2)})`);
    console.log(`generated tokens/s while playing episodes: ${median(col("perf/gen_tokens_per_s")).toFixed(1)}; model tokens per rollout ${median(col("response_length/mean")).toFixed(1)}`);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith("trl.ts")) void benchTrl(process.argv.slice(2));
