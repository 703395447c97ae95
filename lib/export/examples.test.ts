import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetReadObjects } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportDataset } from "./export";
import { planSplit, splitItem } from "./split";
import { arrayBufferOf, checkChatLines, checkTau2Folder, checkVerlObjects, jsonLines } from "./test-checks";
import { exampleRows } from "./test-fixture";
import type { ExportRow } from "./types";

/** The example domains' synthesized cases through all three formats (synthesis is the slow part). */
let rows: ExportRow[];
let dir: string;
let split: Map<string, "train" | "validation">;
beforeAll(async () => {
  rows = await exampleRows();
  split = planSplit(rows.map(splitItem), { seed: 11, validationRatio: 0.2 }).assignment;
  dir = mkdtempSync(path.join(tmpdir(), "examples-"));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("exports of the example domains' cases", () => {
  it("covers every outcome", () => {
    expect(new Set(rows.map((r) => r.testCase.expected_outcome))).toEqual(new Set(["execute", "refuse", "clarify", "transfer", "abort"]));
  });

  it("verl", async () => {
    const out = path.join(dir, "verl");
    const res = await exportDataset({ format: "verl", rows, outDir: out, split });
    expect(res.warnings).toEqual([]);
    const objects = [
      ...(await parquetReadObjects({ file: arrayBufferOf(path.join(out, "train.parquet")) })),
      ...(await parquetReadObjects({ file: arrayBufferOf(path.join(out, "val.parquet")) })),
    ];
    expect(objects).toHaveLength(rows.length);
    for (const o of objects) expect(o.extra_info.split).toBe(split.get(o.extra_info.index));
    checkVerlObjects(objects, rows);
  }, 120_000);

  it("chat", async () => {
    const out = path.join(dir, "chat");
    const res = await exportDataset({ format: "chat", rows, outDir: out, split });
    expect(res.warnings).toEqual([]);
    const lines = [...jsonLines(path.join(out, "train.jsonl")), ...jsonLines(path.join(out, "val.jsonl"))];
    expect(lines).toHaveLength(rows.length);
    checkChatLines(lines, rows);
  }, 120_000);

  it("tau2", async () => {
    const out = path.join(dir, "tau2");
    const res = await exportDataset({ format: "tau2", rows, outDir: out, split });
    expect(res.warnings).toEqual([]);
    for (const slug of new Set(rows.map((r) => r.domain.slug))) checkTau2Folder(out, slug, rows);
  }, 120_000);
});
