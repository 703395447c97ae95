import path from "node:path";
import { branchKind } from "@/lib/envserver/source";
import { VERL_COLUMNS, VERL_FILES, verlRow, type Split } from "@/lib/export";
import { ParquetSink } from "@/lib/export/parquet-sink";
import { writeFailed } from "@/lib/export/types";
import type { RoundData } from "@/lib/train/protocol";
import type { EpisodeTask } from "@/lib/rollout";
import { AGENT_NAME } from "./settings";

export interface RoundParquet {
  files: { train: string; validation: string };
  trainRows: number;
  validationRows: number;
  /** Validation tasks per data source (= branch kind): the `n` of each kind in eval events. */
  validationKinds: Record<string, number>;
  /** True when the round has no validation tasks: val.parquet then repeats the training rows (verl needs one) and validation is off. */
  validationFromTrain: boolean;
}

/**
 * The round's tasks as verl parquet, in lib/export's row shape: `extra_info.index` is the task id
 * the agent loop opens an environment session on, `env_spec` the case as one JSON string (for
 * clusters that cannot reach the studio), `agent_name` our loop. `data_source` is the case's
 * branch kind, so verl's validation metrics come grouped per kind (val-core/<kind>/reward/…).
 */
export async function writeRoundParquet(dir: string, data: RoundData<EpisodeTask>): Promise<RoundParquet> {
  const validationFromTrain = data.validation.length === 0;
  const files = { train: path.join(dir, VERL_FILES.train), validation: path.join(dir, VERL_FILES.validation) };
  await writeSplit(files.train, data.train, "train");
  await writeSplit(files.validation, validationFromTrain ? data.train : data.validation, "validation");
  const validationKinds: Record<string, number> = {};
  for (const task of data.validation) {
    const kind = branchKind(task.testCase);
    validationKinds[kind] = (validationKinds[kind] ?? 0) + 1;
  }
  return { files, trainRows: data.train.length, validationRows: data.validation.length, validationKinds, validationFromTrain };
}

async function writeSplit(file: string, tasks: EpisodeTask[], split: Split): Promise<void> {
  const kv = [
    { key: "flywheel.format", value: "verl-agentic/1" },
    { key: "flywheel.agent_loop", value: AGENT_NAME },
  ];
  try {
    const sink = new ParquetSink(file, VERL_COLUMNS, 1000, kv);
    for (const task of tasks) {
      const row = verlRow({ id: task.id, testCase: task.testCase, domain: task.domain }, split, { agentName: AGENT_NAME, dataSource: branchKind(task.testCase) });
      sink.add(row as unknown as Record<string, unknown>);
    }
    await sink.close();
  } catch (e) {
    throw writeFailed(file, e);
  }
}
