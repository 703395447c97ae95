import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { zipSync, type Zippable } from "fflate";
import { DomainError } from "@/lib/errors";
import { toolsForOpenAI, type OpenAITool } from "@/lib/sim";
import type { EpisodeTask } from "@/lib/rollout";
import type { RoundData, RoundSpec } from "@/lib/train/protocol";
import { grpoOverrides } from "./overrides";
import { writeRoundParquet, type RoundParquet } from "./package-data";
import { AGENT_NAME, VERL_VERSION, type RayOptions } from "./settings";
import { toYaml } from "./yaml";

/** The cluster-side files shipped as they are (lib/train/ray/cluster). */
export const CLUSTER_FILES = ["studio_agent_loop.py", "studio_reward.py", "run.sh"] as const;
export const ENTRYPOINT = "bash run.sh";
/** Ray refuses working_dir packages over 500 MiB. */
const MAX_PACKAGE_BYTES = 500 * 1024 * 1024;
const ZIP_MTIME = new Date("2000-01-01T00:00:00Z");

export interface RunPackage {
  /** The unpacked package (what the zip holds), under the run's folder. */
  dir: string;
  zipPath: string;
  zip: Uint8Array;
  /** `_ray_pkg_<sha1>.zip`: Ray's package naming; the job's working_dir is `gcs://<name>`. */
  name: string;
  uri: string;
  files: string[];
  parquet: RoundParquet;
  overrides: string[];
}

export interface PackageInput {
  runId: number;
  spec: RoundSpec;
  data: RoundData<EpisodeTask>;
  options: RayOptions;
  /** The environment server as the cluster reaches it. */
  envUrl: string;
  /** Where to write the package (a folder of the run's directory). */
  outDir: string;
  /** Where the cluster-side sources live (default lib/train/ray/cluster under the working directory). */
  clusterDir?: string;
}

/** The run's job package: parquet, tool and agent-loop configs, the agent loop, the reward fallback, run.sh, zipped. */
export async function buildRunPackage(input: PackageInput): Promise<RunPackage> {
  const { runId, spec, data, options, envUrl, outDir } = input;
  const clusterDir = input.clusterDir ?? path.join(/*turbopackIgnore: true*/ process.cwd(), "lib", "train", "ray", "cluster");
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const parquet = await writeRoundParquet(outDir, data);
  const overrides = grpoOverrides({ runId, spec, options, trainRows: parquet.trainRows, validationOff: parquet.validationFromTrain });
  const text: Record<string, string> = {
    "tool_config.yaml": toolConfigYaml(toolsForOpenAI(data.domain.tools)),
    "agent_loop.yaml": toYaml([{ name: AGENT_NAME, _target_: "studio_agent_loop.StudioEnvAgentLoop" }]),
    "overrides.txt": overrides.join("\n") + "\n",
    "requirements.txt": requirementsTxt(),
    "studio_run.json": JSON.stringify(
      {
        run_id: runId,
        agent_name: AGENT_NAME,
        env_url: envUrl,
        max_turns: spec.grpo.maxTurns,
        max_new_tokens: spec.grpo.maxNewTokens,
        checkpoint_dir: options.checkpointDir ?? `~/flywheel-checkpoints/run-${runId}`,
        domain: data.domain.slug,
      },
      null,
      2,
    ),
  };
  for (const name of CLUSTER_FILES) {
    const source = path.join(/*turbopackIgnore: true*/ clusterDir, name);
    if (!fs.existsSync(source)) throw new DomainError("internal", `the verl-ray package source ${source} is missing`);
    text[name] = fs.readFileSync(source, "utf8");
  }
  for (const [name, content] of Object.entries(text)) fs.writeFileSync(path.join(/*turbopackIgnore: true*/ outDir, name), content, { mode: name.endsWith(".sh") ? 0o755 : 0o644 });

  const files = Object.keys(text).concat(["train.parquet", "val.parquet"]).sort();
  // a fixed mtime makes the zip, and so its hash and Ray's package name, a function of the contents
  const entries: Zippable = {};
  for (const f of files) entries[f] = [new Uint8Array(fs.readFileSync(path.join(/*turbopackIgnore: true*/ outDir, f))), { mtime: ZIP_MTIME }];
  const zip = zipSync(entries, { level: 6 });
  if (zip.byteLength > MAX_PACKAGE_BYTES) throw new DomainError("limit", `the job package is ${Math.round(zip.byteLength / 2 ** 20)} MiB; Ray takes at most 500 MiB`);
  const name = `_ray_pkg_${createHash("sha1").update(zip).digest("hex")}.zip`;
  const zipPath = path.join(/*turbopackIgnore: true*/ path.dirname(outDir), "package.zip");
  fs.writeFileSync(zipPath, zip);
  return { dir: outDir, zipPath, zip, name, uri: `gcs://${name}`, files, parquet, overrides };
}

/**
 * verl's tool config: one entry per domain tool with its OpenAI function schema. verl loads the
 * entries (BaseTool holds a schema) for the dataset's prompt-length check; the studio loop gets
 * the same schemas from the environment session and never runs a verl tool.
 */
export function toolConfigYaml(tools: OpenAITool[]): string {
  return toYaml({
    tools: tools.map((tool) => {
      const params = tool.function.parameters as { properties?: Record<string, { type?: unknown }> };
      for (const [prop, schema] of Object.entries(params.properties ?? {})) {
        // verl validates each property with a required `type`
        if (schema?.type === undefined) throw new DomainError("invalid", `tool ${tool.function.name}: parameter "${prop}" has no type; verl's tool schema requires one`);
      }
      return { class_name: "verl.tools.base_tool.BaseTool", config: { type: "native" }, tool_schema: tool };
    }),
  });
}

export function requirementsTxt(): string {
  return [
    "# Flywheel Studio verl-ray job package (docs/verl-ray.md).",
    "# Pinned: verl 0.8 removed the interaction API (BaseInteraction, multi_turn.interaction_config_path),",
    "# so the simulated user runs inside a custom AgentLoop (studio_agent_loop.py) written against the",
    "# 0.9 AgentLoopBase / AgentLoopOutput API. run.sh refuses verl < 0.8 and warns on any other version.",
    `verl==${VERL_VERSION}`,
    "",
  ].join("\n");
}
