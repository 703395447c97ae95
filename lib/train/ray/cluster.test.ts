import { execFile, execFileSync, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssistantMessage } from "@/lib/chat/schema";
import { startEnvServer, tasksSource, type EnvServer } from "@/lib/envserver";
import { toolsForOpenAI } from "@/lib/sim";
import { hackTrajectory, normalTrajectory } from "@/lib/sim/trajectory";
import { buildRunPackage, type RunPackage } from "./package";
import { AGENT_NAME, parseRayOptions } from "./settings";
import { raySpec, shopRound } from "./test-fixture";

/**
 * The package's Python and YAML, checked with the machine's python3: syntax, what OmegaConf
 * (PyYAML) reads from the configs, and the agent loop itself run against the studio's
 * environment server with verl stubbed (testing/loop_harness.py).
 */
const python = spawnSync("python3", ["--version"]).status === 0 ? "python3" : null;
if (!python) console.warn("python3 is missing: the verl-ray package's Python checks are skipped");
const HARNESS = path.join(__dirname, "testing", "loop_harness.py");
const TOKEN = "harness-token";
const data = shopRound();
let dir: string;
let pkg: RunPackage;
let env: EnvServer;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "ray-py-"));
  env = await startEnvServer({ source: tasksSource([...data.train, ...data.validation]), token: TOKEN });
  pkg = await buildRunPackage({ runId: 5, spec: raySpec(), data, options: parseRayOptions({}), envUrl: "http://unused.example:1", outDir: path.join(dir, "package") });
});
afterAll(async () => {
  await env?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An assistant message as a Qwen model writes it (hermes <tool_call> blocks). */
function hermes(m: AssistantMessage): string {
  const calls = (m.tool_calls ?? []).map((c) => `<tool_call>\n${JSON.stringify({ name: c.function.name, arguments: JSON.parse(c.function.arguments) })}\n</tool_call>`);
  return [m.content ?? "", ...calls].filter(Boolean).join("\n");
}

/**
 * Runs the loop on each case (task id + the model's turns) in one python3 process; the loop
 * reaches the server through the job's env vars. Asynchronously: the server answers from this
 * process's event loop.
 */
async function runLoops(cases: { task_id: string; turns: string[]; response_length?: number }[], parse: string[] = []) {
  const caseFile = path.join(dir, "cases.json");
  writeFileSync(caseFile, JSON.stringify({ cases: cases.map((c) => ({ prompt_length: 8192, response_length: 16384, ...c })), parse }));
  const { stdout } = await promisify(execFile)(python!, [HARNESS, pkg.dir, caseFile], { env: { ...process.env, STUDIO_ENV_URL: env.url, STUDIO_ENV_TOKEN: TOKEN, PYTHONDONTWRITEBYTECODE: "1" }, encoding: "utf8" });
  return JSON.parse(stdout);
}

const agentTurns = (taskIndex: number, kind: "normal" | "hack") => {
  const task = data.train[taskIndex];
  const recorded = (kind === "normal" ? normalTrajectory : hackTrajectory)(task.testCase, task.domain);
  return recorded.filter((m): m is AssistantMessage => m.role === "assistant").map(hermes);
};

describe.skipIf(!python)("the package's Python (python3)", () => {
  it("compiles, run.sh parses, and the YAML configs read back as verl expects: one tool entry per domain tool with its OpenAI schema, the loop by name", () => {
    const sources = pkg.files.filter((f) => f.endsWith(".py")).map((f) => path.join(pkg.dir, f));
    expect(sources.length).toBe(2);
    execFileSync("bash", ["-n", path.join(pkg.dir, "run.sh")]);
    // one python3 start (slow on a busy box): compile every source, then load the YAML when PyYAML is there
    const script = [
      "import json, os, py_compile, sys",
      // bytecode goes to the test's temporary folder, not beside the sources
      "[py_compile.compile(f, cfile=os.path.join(sys.argv[1] + '.pyc.d', os.path.basename(f) + 'c'), doraise=True) for f in sys.argv[3:]]",
      "try:\n  import yaml\nexcept ImportError:\n  yaml = None",
      "print(json.dumps(yaml and [yaml.safe_load(open(f)) for f in sys.argv[1:3]]))",
    ].join("\n");
    const loaded = JSON.parse(execFileSync(python!, ["-c", script, path.join(pkg.dir, "tool_config.yaml"), path.join(pkg.dir, "agent_loop.yaml"), ...sources, HARNESS], { encoding: "utf8" }));
    if (!loaded) return console.warn("PyYAML is missing: the YAML read-back was skipped");
    const [toolConfig, agentLoops] = loaded;
    const tools = toolConfig.tools;
    expect(tools.map((t: { tool_schema: { function: { name: string } } }) => t.tool_schema.function.name)).toEqual(data.domain.tools.map((t) => t.name));
    expect(tools.map((t: { tool_schema: unknown }) => t.tool_schema)).toEqual(toolsForOpenAI(data.domain.tools));
    expect(tools.every((t: { class_name: string; config: { type: string } }) => t.class_name === "verl.tools.base_tool.BaseTool" && t.config.type === "native")).toBe(true);
    expect(agentLoops).toEqual([{ name: AGENT_NAME, _target_: "studio_agent_loop.StudioEnvAgentLoop" }]);
  });

  it("plays whole episodes through the environment server: the ideal agent earns 1, the persuaded one 0; stops at the response budget; parses malformed calls", async () => {
    const ideal = agentTurns(0, "normal");
    const hackIndex = data.train.findIndex((t) => t.testCase.tool_return_expected.hack_path.length);
    const malformed = 'ok <tool_call>{"name": "get_order", "arguments": {bad json</tool_call><think>hmm</think>';
    const out = await runLoops(
      [
        { task_id: data.train[0].id, turns: ideal },
        { task_id: data.train[hackIndex].id, turns: agentTurns(hackIndex, "hack") },
        { task_id: data.train[0].id, turns: ["Hello, how can I help?", "Anything else?"], response_length: 40 },
      ],
      [malformed],
    );
    expect(out.registered).toEqual([AGENT_NAME]);
    const [good, persuaded, cut] = out.runs;
    expect(good.reward_score).toBe(1);
    expect(good.extra_fields).toMatchObject({ studio_reward: 1, turn_scores: [], tool_rewards: [] });
    expect(good.mask_ok).toBe(true);
    // the mask marks exactly the model's tokens; the rest are the environment's (tool results, the user)
    expect(good.generated).toBe(ideal.join(""));
    expect(good.prompt).toMatch(/^<\|tools\|>.*<\|system\|>.*<\|user\|>.*<\|assistant\|>$/s);
    expect(good.response).toContain("<|tool|>");
    expect(good.response).not.toMatch(/<\|system\|>|<\|user\|>\.\n/); // the stand-in conversation is cut off
    expect(good.model_calls.length).toBe(ideal.length);
    expect(persuaded.reward_score).toBe(0);

    expect(cut.response.length).toBeLessThanOrEqual(40);
    expect(cut.model_calls[0].max_tokens).toBe(40);
    expect(cut.reward_score).toBe(0);
    expect(out.parsed).toEqual([{ role: "assistant", content: "ok", tool_calls: [{ id: "call_1_0", type: "function", function: { name: "get_order", arguments: '{"name": "get_order", "arguments": {bad json' } }] }]);
  });
});
