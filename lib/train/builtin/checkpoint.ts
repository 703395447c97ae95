import fs from "node:fs";
import path from "node:path";
import { CHECKPOINT_FORMAT, readCheckpoint, type CheckpointMeta, type ConfigFile } from "./checkpoint-files";
import { weightShapes } from "./network";
import { Policy } from "./policy";

export { CHECKPOINT_FORMAT, readCheckpoint, type CheckpointMeta } from "./checkpoint-files";

/** Writes a policy as a checkpoint directory (checkpoint-files.ts describes the layout; config.json last). */
export async function saveCheckpoint(dir: string, policy: Policy, meta: CheckpointMeta): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const values = await policy.values();
  const shapes = weightShapes(policy.config);
  const manifest: ConfigFile["weights"] = [];
  let offset = 0;
  for (const [name, shape] of Object.entries(shapes)) {
    manifest.push({ name, shape, offset });
    offset += values[name].length;
  }
  const all = new Float32Array(offset);
  for (const w of manifest) all.set(values[w.name], w.offset);
  fs.writeFileSync(path.join(dir, "weights.bin"), Buffer.from(all.buffer, all.byteOffset, all.byteLength));
  fs.writeFileSync(path.join(dir, "vocab.json"), JSON.stringify(policy.vocab.spec));
  const config: ConfigFile = { format: CHECKPOINT_FORMAT, model: policy.config, weights: manifest, meta };
  fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config, null, 2));
  return dir;
}

export function loadCheckpoint(dir: string): { policy: Policy; meta: CheckpointMeta } {
  const { config, vocab, values, meta } = readCheckpoint(dir);
  return { policy: new Policy(config, vocab, values), meta };
}
