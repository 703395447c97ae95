// Device-only entry (not part of the repo): the TRL backend's GRPO step time and tokens/s on CUDA
// for the tiny model and a Qwen3-0.6B-shaped model with random weights (bf16).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RoundSpec, type TrainEvent } from "../../lib/train/protocol";
import { trlBackend } from "../../lib/train/trl/backend";
import { clinicTasks } from "../../lib/train/trl/test-fixture";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const SHAPES: Record<string, Record<string, number>> = {
  tiny: {},
  "qwen3-0.6b": { hidden: 1024, layers: 28, heads: 16, kvHeads: 8, headDim: 128, intermediate: 3072 },
};

async function one(shape: string, steps: number, n: number, batchSize: number, maxNewTokens: number) {
  const tasks = clinicTasks();
  const spec = RoundSpec.parse({
    backend: "trl",
    model: { kind: "hf", path: "tiny-qwen3", options: SHAPES[shape] },
    dataset: { kind: "domain", domainSlug: "clinic-appointments" },
    grpo: { n, batchSize, maxTurns: 4, maxNewTokens },
    schedule: { steps, evalEvery: 1000, saveEvery: 1000 },
  });
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-trl-"));
  const events: TrainEvent[] = [];
  const t0 = Date.now();
  const status = await trlBackend.run({ runId: 0, spec, data: { label: "clinic", domain: tasks[0].domain, train: tasks.slice(0, 17), validation: [] }, runDir, emit: (e) => { events.push(e as TrainEvent); if ((e as TrainEvent).type === "log") console.log("  log:", (e as { message: string }).message.slice(0, 300)); }, signal: new AbortController().signal });
  const metrics = events.filter((e): e is Extract<TrainEvent, { type: "metrics" }> => e.type === "metrics" && e.phase === "grpo");
  const warm = metrics.length > 1 ? metrics.slice(1) : metrics;
  const col = (k: string) => warm.map((m) => m.data[k]).filter((x) => Number.isFinite(x));
  console.log(`RESULT ${shape}: status ${status}, ${metrics.length} steps, wall ${((Date.now() - t0) / 1000).toFixed(0)} s; s/step ${median(col("timing_s/step")).toFixed(2)} (gen ${median(col("timing_s/gen")).toFixed(2)}); gen tokens/s ${median(col("perf/gen_tokens_per_s")).toFixed(1)}; response_length ${median(col("response_length/mean")).toFixed(1)}`);
}

(async () => {
  const shapes = (process.env.SHAPES ?? "tiny,qwen3-0.6b").split(",");
  for (const s of shapes) await one(s, Number(process.env.STEPS ?? 4), Number(process.env.N ?? 8), Number(process.env.BATCH ?? 4), Number(process.env.TOKENS ?? 64));
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
