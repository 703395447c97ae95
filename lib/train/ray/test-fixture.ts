import { shopRows } from "@/lib/export/test-fixture";
import type { EpisodeTask } from "@/lib/rollout";
import { RoundSpec, type RoundData, type RoundSpecInput } from "@/lib/train/protocol";

/** The hand-made shop cases as a round: four training tasks, two validation tasks. */
export function shopRound(): RoundData<EpisodeTask> {
  const tasks: EpisodeTask[] = shopRows().map((r) => ({ id: r.id, testCase: r.testCase, domain: r.domain }));
  return { label: "Shop (test)", domain: tasks[0].domain, train: tasks.slice(0, 4), validation: tasks.slice(4) };
}

/** A verl-ray spec with settings that differ from every default, so each override shows where it came from. */
export function raySpec(input: Partial<RoundSpecInput> = {}): RoundSpec {
  return RoundSpec.parse({
    backend: "verl-ray",
    name: "shop round",
    model: { kind: "hf", path: "/models/Qwen3-0.6B" },
    dataset: { kind: "domain", domainSlug: "shop" },
    grpo: { n: 6, batchSize: 2, learningRate: 2e-6, clipRatio: 0.28, klCoef: 0.005, lossAggMode: "seq-mean-token-mean", temperature: 0.9, maxTurns: 5, maxNewTokens: 300 },
    schedule: { steps: 3, evalEvery: 2, saveEvery: 2 },
    seed: 7,
    ...input,
  });
}
