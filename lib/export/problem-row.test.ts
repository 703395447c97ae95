import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, describe, expect, it } from "vitest";
import { retailDomain } from "@/lib/domain/examples/retail";
import { problemSystemPrompt, problemUserMessage } from "@/lib/reasoning/episode";
import { generateProblems } from "@/lib/reasoning/generate/generate";
import { importProblems } from "@/lib/reasoning/import";
import { patchDatabase } from "@/lib/reasoning/query/tables";
import { formatAnswer, verifyAnswer } from "@/lib/reasoning/verify/answer";
import { exportDataset } from "./export";
import { parquetSchema } from "./parquet-schema";
import { REASONING_COLUMNS, reasoningVerlRow } from "./problem-row";
import { arrayBufferOf } from "./test-checks";
import { shopRows } from "./test-fixture";
import type { ProblemExportRow } from "./types";

const dir = mkdtempSync(path.join(tmpdir(), "problems-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const programs = generateProblems(retailDomain, { count: 4, seed: 9 }).problems;
const [free] = importProblems(JSON.stringify({ problem: "Half of 3/2?", solution: "\\boxed{\\frac{3}{4}}" }), { dataset: "t" }).problems;
const rows: ProblemExportRow[] = [...programs.map((problem) => ({ kind: "problem" as const, id: problem.id, problem, domain: retailDomain })), { kind: "problem", id: free.id, problem: free, domain: null, split: "validation" }];

describe("reasoning problems through the export writers", () => {
  it("verl: the paper's reasoning format, with the answer's kind for a rule verifier and env_spec for tool problems", async () => {
    const out = path.join(dir, "verl");
    const result = await exportDataset({ format: "verl", rows, outDir: out, countTokens: false });
    expect(result).toMatchObject({ rows: 5, skipped: 0, warnings: [] });
    const train = await parquetReadObjects({ file: arrayBufferOf(path.join(out, "train.parquet")) });
    expect(train).toHaveLength(4);
    const [row] = train;
    expect(row).toMatchObject({ data_source: "tool_agent", agent_name: "tool_agent", ability: "data_analysis", reward_model: { style: "rule" } });
    expect(row.prompt.map((m: { role: string }) => m.role)).toEqual(["system", "user"]);
    expect(row.prompt[0].content).toContain("<tools>");
    expect(row.extra_info).toMatchObject({ split: "train", problem_id: programs[0].id, need_tools_kwargs: true, interaction_kwargs: { ground_truth: row.reward_model.ground_truth } });
    expect(verifyAnswer(JSON.parse(row.extra_info.answer_spec), row.reward_model.ground_truth).correct).toBe(true);
    expect(JSON.parse(row.env_spec)).toMatchObject({ kind: "reasoning", domain: "retail-orders", initial_db: { orders: expect.any(Object) } });
    const [val] = await parquetReadObjects({ file: arrayBufferOf(path.join(out, "val.parquet")) });
    expect(val).toMatchObject({ ability: "math", reward_model: { ground_truth: "\\frac{3}{4}" }, env_spec: "", extra_info: { need_tools_kwargs: false } });
  });

  it("chat: the solution's tool calls executed, then the answer; a mixed verl export keeps one row kind and says why", async () => {
    const out = path.join(dir, "chat");
    await exportDataset({ format: "chat", rows, outDir: out, countTokens: false, card: false });
    const first = JSON.parse(readFileSync(path.join(out, "train.jsonl"), "utf8").split("\n")[0]);
    const calls = first.messages.filter((m: { tool_calls?: unknown[] }) => m.tool_calls).length;
    expect(calls).toBe(programs[0].plan.length);
    expect(first.messages.at(-1).content).toMatch(/^<answer>.*<\/answer>$/);
    expect(first.metadata).toMatchObject({ id: programs[0].id, domain: "retail-orders", verified: true });

    const mixed = await exportDataset({ format: "verl", rows: [...rows.slice(0, 1), ...shopRows().slice(0, 1)], outDir: path.join(dir, "mixed"), countTokens: false, card: false });
    expect(mixed.skipped).toBe(1);
    expect(mixed.warnings[0].message).toMatch(/a verl export holds one row kind/);
    const tau2 = await exportDataset({ format: "tau2", rows: rows.slice(0, 1), outDir: path.join(dir, "tau2"), card: false });
    expect(tau2.warnings[0].message).toMatch(/no tau2 form/);
  });
});

describe("reasoningVerlRow", () => {
  // JSON text, not toEqual: the key order is part of the row (it is the order JSON exports write)
  const same = (actual: unknown, expected: unknown) => expect(JSON.stringify(actual, null, 1)).toBe(JSON.stringify(expected, null, 1));

  it("builds a tool problem's row exactly: tools in the system prompt, the answer as ground truth, the patched database in env_spec", () => {
    const problem = programs[0];
    const tools = retailDomain.tools.filter((t) => problem.tools.includes(t.name));
    expect(tools.length).toBeGreaterThan(0);
    const question = problemUserMessage(problem);
    const answer = formatAnswer(problem.answer);
    const toolLines = tools.map((t) => JSON.stringify({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } })).join("\n");
    same(reasoningVerlRow(rows[0] as ProblemExportRow, "train", 3), {
      data_source: "tool_agent",
      agent_name: "tool_agent",
      prompt: [
        { role: "system", content: `${problemSystemPrompt(retailDomain)}\n\n# Tools\n\n<tools>\n${toolLines}\n</tools>` },
        { role: "user", content: question },
      ],
      ability: "data_analysis",
      reward_model: { style: "rule", ground_truth: answer },
      extra_info: {
        split: "train",
        index: "3",
        problem_id: problem.id,
        question,
        answer,
        answer_spec: JSON.stringify(problem.answer),
        need_tools_kwargs: true,
        interaction_kwargs: { query: question, ground_truth: answer },
        lineage: { parent: problem.lineage.parent ?? "", mutation: problem.lineage.mutation ?? "", round: String(problem.lineage.round) },
      },
      env_spec: JSON.stringify({ version: 1, kind: "reasoning", domain: "retail-orders", tools, initial_db: patchDatabase(retailDomain.db, problem.program?.db_patch ?? []) }),
    });
  });

  it("builds a free-text problem's row exactly: no tools block, no env_spec", () => {
    const question = problemUserMessage(free);
    same(reasoningVerlRow(rows[4] as ProblemExportRow, "validation", 0), {
      data_source: "tool_agent",
      agent_name: "tool_agent",
      prompt: [
        { role: "system", content: problemSystemPrompt(null) },
        { role: "user", content: question },
      ],
      ability: "math",
      reward_model: { style: "rule", ground_truth: "\\frac{3}{4}" },
      extra_info: {
        split: "validation",
        index: "0",
        problem_id: free.id,
        question,
        answer: "\\frac{3}{4}",
        answer_spec: JSON.stringify(free.answer),
        need_tools_kwargs: false,
        interaction_kwargs: { query: question, ground_truth: "\\frac{3}{4}" },
        lineage: { parent: "", mutation: "", round: "0" },
      },
      env_spec: "",
    });
  });

  it("declares the reasoning parquet columns in order", () => {
    expect(parquetSchema(REASONING_COLUMNS).map((s) => (s.num_children === undefined ? s.name : `${s.name}/${s.num_children}`))).toEqual([
      "root/7", "data_source", "agent_name", "prompt/1", "list/1", "element/2", "role", "content", "ability", "reward_model/2", "style", "ground_truth",
      "extra_info/9", "split", "index", "problem_id", "question", "answer", "answer_spec", "need_tools_kwargs", "interaction_kwargs/2", "query", "ground_truth",
      "lineage/3", "parent", "mutation", "round", "env_spec",
    ]);
  });
});
