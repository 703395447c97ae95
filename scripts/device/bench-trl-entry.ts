// Device entry: the TRL backend's GRPO step time and tokens/s on CUDA for the tiny model and a
// Qwen3-0.6B-shaped model with random weights (bf16), through the bench's own round (bench/trl.ts).
import { trlRoundFigures } from "../../bench/trl";

const SHAPES: Record<string, Record<string, number>> = {
  tiny: {},
  "qwen3-0.6b": { hidden: 1024, layers: 28, heads: 16, kvHeads: 8, headDim: 128, intermediate: 3072 },
};

(async () => {
  for (const shape of (process.env.SHAPES ?? "tiny,qwen3-0.6b").split(",")) {
    const r = await trlRoundFigures({
      steps: Number(process.env.STEPS ?? 4), n: Number(process.env.N ?? 8), batchSize: Number(process.env.BATCH ?? 4), maxNewTokens: Number(process.env.TOKENS ?? 64),
      modelOptions: SHAPES[shape],
      onLog: (m) => console.log("  log:", m.slice(0, 300)),
    });
    console.log(`RESULT ${shape}: status ${r.status}, ${r.steps} steps, wall ${r.wallS.toFixed(0)} s; s/step ${r.stepS.toFixed(2)} (gen ${r.genS.toFixed(2)}); gen tokens/s ${r.genTokensPerS.toFixed(1)}; response_length ${r.responseLength.toFixed(1)}`);
  }
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
