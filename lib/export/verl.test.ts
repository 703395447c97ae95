import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDataset, type ExportResult } from "./export";
import { arrayBufferOf, checkVerlObjects } from "./test-checks";
import { cloneRows, shopRows } from "./test-fixture";
import { verlRow } from "./verl-row";

const rows = shopRows();
let dir: string;
let result: ExportResult;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "verl-"));
  const split = new Map([[rows[1].id, "validation" as const]]);
  result = await exportDataset({ format: "verl", rows, outDir: dir, split, countTokens: false });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("verl parquet export", () => {
  it("writes train and val files and a card, each row once", async () => {
    expect(result.files.map((f) => path.basename(f))).toEqual(["train.parquet", "val.parquet", "README.md"]);
    expect(result.warnings).toEqual([]);
    const train = await parquetReadObjects({ file: arrayBufferOf(path.join(dir, "train.parquet")) });
    const val = await parquetReadObjects({ file: arrayBufferOf(path.join(dir, "val.parquet")) });
    expect(train.map((o) => o.extra_info.index)).toEqual(rows.filter((_, i) => i !== 1).map((r) => r.id));
    expect(val.map((o) => [o.extra_info.index, o.extra_info.split])).toEqual([[rows[1].id, "validation"]]);
    expect(train.every((o) => o.extra_info.split === "train")).toBe(true);
  });

  it("reads back column by column in the paper's agentic shape", async () => {
    const objects = await parquetReadObjects({ file: arrayBufferOf(path.join(dir, "train.parquet")) });
    checkVerlObjects(objects, rows);
    // and exactly as built: nothing lost or retyped on the way through parquet
    expect(objects[0]).toEqual(verlRow(rows[0], "train"));
  });

  it("declares nested parquet types: a list of structs and structs", () => {
    const meta = parquetMetadata(arrayBufferOf(path.join(dir, "train.parquet")));
    const byName = new Map(meta.schema.map((s) => [s.name, s]));
    expect(meta.schema[0].num_children).toBe(7);
    expect(byName.get("prompt")).toMatchObject({ converted_type: "LIST", num_children: 1 });
    expect(byName.get("list")).toMatchObject({ repetition_type: "REPEATED" });
    expect(byName.get("element")?.num_children).toBe(2);
    expect(byName.get("reward_model")?.num_children).toBe(2);
    expect(byName.get("extra_info")?.num_children).toBe(8);
    expect(byName.get("create_kwargs")?.num_children).toBe(5);
    expect(byName.get("env_spec")?.converted_type).toBe("UTF8");
  });

  it("streams a large async source in row groups of the requested size", async () => {
    const big = mkdtempSync(path.join(tmpdir(), "verl-big-"));
    const res = await exportDataset({ format: "verl", rows: cloneRows(rows, 2500), outDir: big, countTokens: false, rowGroupSize: 1000, card: false });
    expect(res.rows).toBe(2500);
    const file = arrayBufferOf(path.join(big, "train.parquet"));
    expect(parquetMetadata(file).row_groups.map((g) => Number(g.num_rows))).toEqual([1000, 1000, 500]);
    const back = await parquetReadObjects({ file, columns: ["extra_info"], rowStart: 1999, rowEnd: 2001 });
    expect(back.map((o) => o.extra_info.index)).toEqual([`${rows[1999 % rows.length].id}#1999`, `${rows[2000 % rows.length].id}#2000`]);
    rmSync(big, { recursive: true, force: true });
  }, 60_000);
});

describe("verl rows of imported paper records", () => {
  it("give back the record's own prompt, background and paths", async () => {
    const { importPaperFile } = await import("@/lib/import");
    const { fixtureRecords, readFixture } = await import("@/lib/import/fixtures/load");
    const { imported } = importPaperFile(readFixture("paper-records.jsonl"));
    const records = new Map(fixtureRecords().map((r) => [r.id as string, r]));
    expect(imported.length).toBeGreaterThan(0);
    for (const { id, case: tc } of imported) {
      const record = records.get(id)!;
      const row = verlRow({ id, testCase: tc, domain: { ...rows[0].domain, slug: "imported", tools: [] } }, "train");
      const prompt = record.prompt as { role: string; content: string }[];
      expect(row.prompt).toEqual(prompt.map((m) => ({ role: m.role, content: m.content })));
      const create = row.extra_info.tools_kwargs.mock_tool.create_kwargs;
      expect(JSON.parse(create.tool_return_expected)).toEqual(record.tool_return_expected);
      expect(create.task_background).toBe(record.task_background);
      expect(create.test_policy).toBe(record.test_policy);
      expect(row.extra_info.rubrics).toBe(record.rubrics);
      // the paper's block: one JSON tool per line, bare or wrapped as {"type":"function","function":…}
      const described = create.tool_description.split("\n").map((l) => JSON.parse(l)).map((t) => t.function?.name ?? t.name);
      expect(described).toEqual(tc.tools!.map((t) => t.name));
      const env = JSON.parse(row.env_spec);
      expect(env.executable).toBe(false);
      expect(env.tools.map((t: { name: string }) => t.name)).toEqual(tc.tools!.map((t) => t.name));
    }
  });
});
