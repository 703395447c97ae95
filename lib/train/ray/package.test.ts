import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { parquetReadObjects, parquetSchema, parquetMetadata } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { branchKind } from "@/lib/envserver/source";
import { VERL_COLUMNS } from "@/lib/export";
import { hydraValue } from "./overrides";
import { buildRunPackage, type RunPackage } from "./package";
import { AGENT_NAME, parseRayOptions, VERL_VERSION } from "./settings";
import { raySpec, shopRound } from "./test-fixture";

const data = shopRound();
let dir: string;
let pkg: RunPackage;
const build = (spec = raySpec(), outDir = path.join(dir, "package"), backendOptions: Record<string, unknown> = {}) =>
  buildRunPackage({ runId: 12, spec, data, options: parseRayOptions(backendOptions), envUrl: "http://studio.example:9000", outDir });

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ray-pkg-"));
  pkg = await build();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const file = (name: string) => readFileSync(path.join(pkg.dir, name));
const overrideMap = (lines: string[]) => new Map(lines.map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

describe("the verl-ray job package", () => {
  it("holds the parquet splits, configs, agent loop, reward fallback, run.sh and the pin, zipped under Ray's package name", () => {
    expect(pkg.files).toEqual(["agent_loop.yaml", "overrides.txt", "requirements.txt", "run.sh", "studio_agent_loop.py", "studio_reward.py", "studio_run.json", "tool_config.yaml", "train.parquet", "val.parquet"]);
    const unzipped = unzipSync(pkg.zip);
    expect(Object.keys(unzipped).sort()).toEqual(pkg.files);
    for (const f of pkg.files) expect(Buffer.from(unzipped[f]).equals(file(f)), f).toBe(true);
    expect(pkg.name).toBe(`_ray_pkg_${createHash("sha1").update(pkg.zip).digest("hex")}.zip`);
    expect(pkg.uri).toBe(`gcs://${pkg.name}`);
    expect(readFileSync(pkg.zipPath).equals(Buffer.from(pkg.zip))).toBe(true);
    expect(file("requirements.txt").toString()).toMatch(new RegExp(`^verl==${VERL_VERSION.replace(/\./g, "\\.")}$`, "m"));
    expect(JSON.parse(file("studio_run.json").toString())).toMatchObject({ run_id: 12, agent_name: AGENT_NAME, env_url: "http://studio.example:9000", max_turns: 5, max_new_tokens: 300, checkpoint_dir: "~/flywheel-checkpoints/run-12", domain: "shop" });
  });

  it("is a function of its contents: the same round packs to the same name, another round to another", async () => {
    expect((await build(raySpec(), path.join(dir, "again", "package"))).name).toBe(pkg.name);
    expect((await build(raySpec({ seed: 8 }), path.join(dir, "other", "package"))).name).not.toBe(pkg.name);
  });

  it("writes one verl row per task: lib/export's columns, our agent loop, the branch kind as data source, the case as env_spec JSON", async () => {
    const buf = file("train.parquet");
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    expect(parquetSchema(parquetMetadata(ab)).children.map((c) => c.element.name)).toEqual(VERL_COLUMNS.map((c) => c.name));
    const train = await parquetReadObjects({ file: ab });
    expect(train.map((r) => r.extra_info.index)).toEqual(data.train.map((t) => t.id));
    train.forEach((row, i) => {
      const task = data.train[i];
      expect(row.agent_name).toBe(AGENT_NAME);
      expect(row.data_source).toBe(branchKind(task.testCase));
      expect(row.extra_info.split).toBe("train");
      expect(row.prompt.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
      const env = JSON.parse(row.env_spec);
      expect(env.initial_db).toEqual(task.testCase.initial_db);
      expect(env.expected_final_hash).toBe(task.testCase.expected_final_hash);
      expect(env.tools.map((t: { name: string }) => t.name)).toEqual(data.domain.tools.map((t) => t.name));
    });
    const vbuf = file("val.parquet");
    const val = await parquetReadObjects({ file: vbuf.buffer.slice(vbuf.byteOffset, vbuf.byteOffset + vbuf.byteLength) });
    expect(val.map((r) => [r.extra_info.index, r.extra_info.split])).toEqual(data.validation.map((t) => [t.id, "validation"]));
    const kinds: Record<string, number> = {};
    for (const t of data.validation) kinds[branchKind(t.testCase)] = (kinds[branchKind(t.testCase)] ?? 0) + 1;
    expect(pkg.parquet.validationKinds).toEqual(kinds);
  });

  it("maps the round spec onto verl's GRPO overrides, paths left for run.sh to fill in", () => {
    const o = overrideMap(pkg.overrides);
    expect(file("overrides.txt").toString()).toBe(pkg.overrides.join("\n") + "\n");
    expect(Object.fromEntries(o)).toMatchObject({
      "algorithm.adv_estimator": "grpo",
      "algorithm.norm_adv_by_std_in_grpo": "True",
      "actor_rollout_ref.rollout.n": "6",
      "actor_rollout_ref.actor.optim.lr": "0.000002",
      "actor_rollout_ref.actor.clip_ratio": "0.28",
      "actor_rollout_ref.actor.use_kl_loss": "True",
      "actor_rollout_ref.actor.kl_loss_coef": "0.005",
      "actor_rollout_ref.actor.loss_agg_mode": "seq-mean-token-mean",
      "actor_rollout_ref.rollout.temperature": "0.9",
      "actor_rollout_ref.rollout.multi_turn.max_assistant_turns": "5",
      "actor_rollout_ref.rollout.agent.agent_loop_config_path": "@PKG@/agent_loop.yaml",
      "actor_rollout_ref.rollout.agent.default_agent_loop": AGENT_NAME,
      "actor_rollout_ref.rollout.multi_turn.tool_config_path": "@PKG@/tool_config.yaml",
      "actor_rollout_ref.model.path": "/models/Qwen3-0.6B",
      "data.train_files": "@PKG@/train.parquet",
      "data.train_batch_size": "2",
      "data.max_response_length": String(5 * (300 + 256)),
      "data.seed": "7",
      "data.return_raw_chat": "True",
      "trainer.total_training_steps": "3",
      "trainer.total_epochs": "2",
      "trainer.test_freq": "2",
      "trainer.save_freq": "2",
      "trainer.val_before_train": "True",
      "trainer.logger": '["console","file"]',
      "trainer.default_local_dir": "@CKPT@",
      "custom_reward_function.path": "@PKG@/studio_reward.py",
    });
  });

  it("follows the options: Dr.GRPO, no KL, response length, extra overrides last; no validation split switches validation off", async () => {
    const spec = raySpec({ grpo: { ...raySpec().grpo, lossAggMode: "seq-mean-token-sum-norm", klCoef: 0 } });
    const noVal = { ...data, validation: [] };
    const other = await buildRunPackage({ runId: 3, spec, data: noVal, options: parseRayOptions({ maxResponseLength: 2048, overrides: ["trainer.nnodes=2"] }), envUrl: "http://x:1", outDir: path.join(dir, "opts", "package") });
    const o = overrideMap(other.overrides);
    expect(o.get("algorithm.norm_adv_by_std_in_grpo")).toBe("False");
    expect(o.get("actor_rollout_ref.actor.use_kl_loss")).toBe("False");
    expect(o.get("data.max_response_length")).toBe("2048");
    expect(o.get("trainer.test_freq")).toBe("-1");
    expect(o.get("trainer.val_before_train")).toBe("False");
    expect(other.overrides.at(-1)).toBe("trainer.nnodes=2");
    expect(other.parquet.validationFromTrain).toBe(true);
  });

  it("refuses a model that is not a Hugging Face checkpoint, and bad options, by field", async () => {
    await expect(build(raySpec({ model: { kind: "scratch", path: "" } }), path.join(dir, "bad", "package"))).rejects.toThrow(/model\.kind to "hf"/);
    expect(() => parseRayOptions({ pollMs: 1, overrides: ["oops"] })).toThrow(/backendOptions\.pollMs: .*backendOptions\.overrides\.0: a Hydra override reads key=value/);
    expect(() => parseRayOptions({ adress: "http://head:8265" })).toThrow(/backendOptions: Unrecognized key: "adress"/);
  });

  it("quotes Hydra values only when the grammar needs it", () => {
    expect(hydraValue("/models/Qwen3-0.6B")).toBe("/models/Qwen3-0.6B");
    expect(hydraValue("my round")).toBe("'my round'");
    expect(hydraValue(true)).toBe("True");
    expect(hydraValue(1e-7)).toBe("1e-7");
  });
});
