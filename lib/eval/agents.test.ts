import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { clinicDomain, clinicTrees } from "@/lib/domain/examples/clinic";
import { LlmConfig } from "@/lib/llm";
import { startOpenAiDouble, type OpenAiDouble } from "@/lib/llm/testing/openai-double";
import { reply as toolAgent } from "@/lib/llm/testing/scenarios/tool-agent";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";
import type { Agent } from "@/lib/rollout";
import { synthesizeTree } from "@/lib/synth";
import { parseAgentSpec, resolveAgent } from "./agents";
import { runEval } from "./run";

const { cases } = synthesizeTree(clinicTrees[0].doc, clinicDomain, { seed: 1, personas: SEED_PERSONAS, treeId: null, revision: null, treeName: clinicTrees[0].name });
const task = { id: "c0", testCase: cases[0], domain: clinicDomain };

let double: OpenAiDouble;
beforeAll(async () => void (double = await startOpenAiDouble({ handler: toolAgent })));
afterAll(() => double.close());

describe("parseAgentSpec", () => {
  it("reads every form and names the accepted ones for anything else", () => {
    expect(parseAgentSpec("openai:qwen3-8b")).toEqual({ kind: "openai", model: "qwen3-8b" });
    expect(parseAgentSpec("builtin:data/runs/3/step-20")).toEqual({ kind: "builtin", dir: "data/runs/3/step-20" });
    expect(parseAgentSpec("trl:C:/ckpt")).toEqual({ kind: "trl", dir: "C:/ckpt" });
    expect(parseAgentSpec(" oracle ")).toEqual({ kind: "oracle" });
    expect(parseAgentSpec("hack")).toEqual({ kind: "hack" });
    expect(() => parseAgentSpec("openai:")).toThrow(/names no model/);
    expect(() => parseAgentSpec("gpt-4o")).toThrow(/Unknown agent "gpt-4o": use openai:<model>, builtin:<checkpoint-dir>/);
  });
});

describe("resolveAgent", () => {
  it("openai:<model> plays an episode with tool calls against the loopback OpenAI double, one seed per trial", async () => {
    const llmConfig = LlmConfig.parse({ baseUrl: double.url, maxAttempts: 1 });
    const agent = await resolveAgent("openai:agent-under-test", { llmConfig });
    expect(agent.name).toBe("openai:agent-under-test");
    const s = await runEval({ agent, tasks: [task], trials: 2, maxTurns: 4, concurrency: 1 });
    expect(s.failures.filter((f) => f.outcome === "error")).toEqual([]);
    const requests = double.chatRequests();
    expect(requests.length).toBeGreaterThanOrEqual(4);
    expect(requests.every((r) => r.body.model === "agent-under-test" && r.body.tools.length === clinicDomain.tools.length)).toBe(true);
    expect(new Set(requests.map((r) => r.body.seed))).toEqual(new Set([0, 1]));
    // the second request of a trial carries the tool call and the environment's result
    const second = requests[1].body.messages as { role: string; tool_calls?: { function: { name: string } }[] }[];
    expect(second.at(-2)).toMatchObject({ role: "assistant", tool_calls: [{ function: { name: clinicDomain.tools[0].name } }] });
    expect(second.at(-1)).toMatchObject({ role: "tool" });
  });

  it("openai: without a provider fails with what to set", async () => {
    await expect(resolveAgent("openai:m", { llmConfig: LlmConfig.parse({}) })).rejects.toThrow(/needs an OpenAI-compatible provider/);
  });

  it("builtin:/trl: go to the trainer's loader with the directory; a missing directory or loader fails clearly", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eval-ckpt-"));
    const loaded: Agent = { name: `builtin:${dir}`, act: async () => ({ role: "assistant", content: "hi" }) };
    const asked: string[] = [];
    expect(await resolveAgent(`builtin:${dir}`, { loadBuiltin: async (d) => (asked.push(d), loaded) })).toBe(loaded);
    expect(await resolveAgent(`trl:${dir}`, { loadTrl: async (d) => (asked.push(`trl ${d}`), loaded) })).toBe(loaded);
    expect(asked).toEqual([dir, `trl ${dir}`]);
    await expect(resolveAgent("builtin:/no/such/checkpoint")).rejects.toThrow(/Checkpoint directory "\/no\/such\/checkpoint" .* does not exist/);
    await expect(resolveAgent(`trl:${dir}`, { loadTrl: async () => Promise.reject(new Error("no config.json")) })).rejects.toThrow(/Cannot load agent trl:.* TRL trainer's loader: no config.json/);
    // the real loaders: absent from this build, or present and refusing an empty directory
    await expect(resolveAgent(`builtin:${dir}`)).rejects.toThrow(new RegExp(`builtin:${dir}.*(not part of this build|loader)`));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
