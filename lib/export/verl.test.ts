import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportRow } from "./types";
import { exportDataset } from "./export";
import { cloneRows, exampleRows, replayHash, shopRows } from "./test-fixture";

const read = (file: string) => {
  const buf = readFileSync(file);
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
};
type Obj = Record<string, unknown>;

let rows: ExportRow[];
let dir: string;
let objects: Obj[];
let valObjects: Obj[];
let files: string[];
beforeAll(async () => {
  rows = [...shopRows(), ...(await exampleRows())];
  dir = mkdtempSync(path.join(tmpdir(), "verl-"));
  const split = new Map(rows.map((r, i) => [r.id, i % 4 === 3 ? ("validation" as const) : ("train" as const)]));
  const result = await exportDataset({ format: "verl", rows, outDir: dir, split, countTokens: false });
  files = result.files;
  expect(result.warnings).toEqual([]);
  objects = await parquetReadObjects({ file: read(path.join(dir, "train.parquet")) });
  valObjects = await parquetReadObjects({ file: read(path.join(dir, "val.parquet")) });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("verl parquet export", () => {
  it("writes train and val files and a card, each row once", () => {
    expect(files.map((f) => path.basename(f))).toEqual(["train.parquet", "val.parquet", "README.md"]);
    expect(objects.length + valObjects.length).toBe(rows.length);
    expect(valObjects.every((o) => (o.extra_info as Obj).split === "validation")).toBe(true);
    expect(rows.some((r) => r.testCase.expected_outcome === "transfer")).toBe(true);
  });

  it("reads back column by column in the paper's agentic shape", () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const o of [...objects, ...valObjects]) {
      const extra = o.extra_info as Obj;
      const row = byId.get(extra.index as string)!;
      const tc = row.testCase;
      expect(o.data_source).toBe("my_tool_agent_with_user");
      expect(o.agent_name).toBe("my_tool_agent_with_user");
      expect(o.ability).toBe("agentic_tool_use");

      const prompt = o.prompt as { role: string; content: string }[];
      expect(prompt.map((m) => m.role)).toEqual(["system", "user"]);
      expect(prompt.every((m) => Object.keys(m).sort().join() === "content,role")).toBe(true);
      expect(prompt[0].content).toContain(`<policy>\n${row.domain.policy.trim()}\n</policy>`);
      expect(prompt[0].content).toMatch(/<tools>\n[\s\S]+\n<\/tools>/);
      expect(prompt[0].content).toContain("<tool_call>");
      expect(prompt[1].content.startsWith(tc.task.trim())).toBe(true);
      expect(prompt[1].content.endsWith("/no_think")).toBe(true);

      expect(o.reward_model).toEqual({ style: "rule", ground_truth: JSON.stringify({ expected_outcome: tc.expected_outcome, expected_final_hash: tc.expected_final_hash }) });

      expect(extra.question).toBe(prompt[1].content);
      expect(extra.interaction_kwargs).toEqual({ query: prompt[1].content });
      expect(extra.rubrics).toBe(tc.evaluation);
      expect(extra.policy).toBe(row.domain.policy);
      expect(extra.need_tools_kwargs).toBe(true);
      const create = ((extra.tools_kwargs as Obj).mock_tool as Obj).create_kwargs as Record<string, string>;
      expect(Object.keys(create).sort()).toEqual(["task_background", "test_policy", "tool_description", "tool_return_expected", "user_escape_strategy"]);
      expect(JSON.parse(create.tool_return_expected)).toEqual(tc.tool_return_expected);
      const described = create.tool_description.split("\n").map((l) => JSON.parse(l).function.name);
      expect(described).toEqual(row.domain.tools.map((t) => t.name));
      expect(create.test_policy).toBe(tc.test_policy);
      expect(create.user_escape_strategy).toBe(tc.user_escape_strategy);
      expect(create.task_background).toContain(tc.persona.trim());
      for (const value of Object.values(tc.user_facts)) if (typeof value === "string") expect(create.task_background).toContain(value);

      const env = JSON.parse(o.env_spec as string);
      expect(env.executable).toBe(true);
      expect(env.initial_db).toEqual(tc.initial_db);
      expect(env.expected_outcome).toBe(tc.expected_outcome);
      expect(env.forbidden_changes).toEqual(tc.forbidden_changes);
      expect(env.tools.map((t: { effect: { kind: string } }) => t.effect.kind).length).toBe(row.domain.tools.length);
      // the spec alone reproduces the case: its normal path on its db ends at the expected hash
      const calls = tc.tool_return_expected.normal_path.map((s) => ({ name: s.tool_name, arguments: s.input }));
      expect(replayHash({ tools: env.tools, db: env.initial_db }, calls)).toBe(env.expected_final_hash);
    }
  });

  it("declares nested parquet types: a list of structs and structs", () => {
    const meta = parquetMetadata(read(path.join(dir, "train.parquet")));
    const byName = new Map(meta.schema.map((s) => [s.name, s]));
    expect(byName.get("prompt")?.converted_type).toBe("LIST");
    expect(byName.get("element")?.num_children).toBe(2);
    expect(byName.get("reward_model")?.num_children).toBe(2);
    expect(byName.get("extra_info")?.num_children).toBe(8);
    expect(byName.get("env_spec")?.converted_type).toBe("UTF8");
  });
});

describe("verl streaming", () => {
  it("writes a large async source in row groups of the requested size", async () => {
    const big = mkdtempSync(path.join(tmpdir(), "verl-big-"));
    const result = await exportDataset({ format: "verl", rows: cloneRows(rows, 2500), outDir: big, countTokens: false, rowGroupSize: 1000, card: false });
    expect(result.rows).toBe(2500);
    const meta = parquetMetadata(read(path.join(big, "train.parquet")));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    const back = await parquetReadObjects({ file: read(path.join(big, "train.parquet")), columns: ["extra_info"], rowStart: 1999, rowEnd: 2001 });
    expect(back.map((o) => (o.extra_info as Obj).index)).toEqual([`${rows[1999 % rows.length].id}#1999`, `${rows[2000 % rows.length].id}#2000`]);
    rmSync(big, { recursive: true, force: true });
  }, 120_000);
});
