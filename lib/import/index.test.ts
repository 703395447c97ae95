import { describe, expect, it } from "vitest";
import { fixtureRecords, readFixture } from "./fixtures/load";
import { importPaperFile } from "./index";

describe("importPaperFile", () => {
  it("imports the whole fixture, as JSONL and as a JSON array", () => {
    const jsonl = importPaperFile(readFixture("paper-records.jsonl"));
    const array = importPaperFile(JSON.stringify(fixtureRecords(), null, 4));
    expect(jsonl).toMatchObject({ format: "jsonl", records: 7, rejected: [] });
    expect(array).toMatchObject({ format: "json-array", records: 7, rejected: [] });
    expect(jsonl.imported.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(jsonl.imported.map((r) => r.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(array.imported.map((r) => r.case)).toEqual(jsonl.imported.map((r) => r.case));
  });

  it("lists every bad record with its precise reason, and records == imported + rejected", () => {
    const result = importPaperFile(readFixture("paper-records-bad.jsonl"));
    expect(result.records).toBe(result.imported.length + result.rejected.length);
    expect(result.records).toBe(8);
    expect(result.imported.map((r) => [r.index, r.id])).toEqual([[0, "bad-file-good-0"]]);
    const reasons = result.rejected.map((r) => [r.index, r.line, r.id ?? null, r.reason.replace(/ is not JSON: .*$/, " is not JSON: …")]);
    expect(reasons).toEqual([
      [1, 2, null, "line 2 is not JSON: …"],
      [2, 3, "bad-no-prompt", "missing field prompt"],
      [3, 4, "bad-no-policy", "prompt[0] (system) has no <policy> block"],
      [4, 5, "bad-tools-line", "tools block line 3 is not JSON: …"],
      [5, 6, "bad-step-no-tool", "tool_return_expected.hack_path[2] has no tool_name"],
      [6, 8, "0f3e-stage3", "this is a stage-3 line (virtual_tool_use.jsonl: tasks_and_backgrounds), not a filtered record"],
      [7, 9, null, "record is not a JSON object (got an array)"],
    ]);
  });

  it("rejects a second record with an id already imported", () => {
    const [first] = fixtureRecords();
    const result = importPaperFile([first, first].map((r) => JSON.stringify(r)).join("\n"));
    expect(result.records).toBe(2);
    expect(result.rejected).toEqual([{ index: 1, line: 2, id: first.id, reason: `duplicate id ${first.id} (first at record 0)` }]);
  });

  it("returns zero records for an empty file", () => {
    expect(importPaperFile("\n\n")).toEqual({ format: "jsonl", records: 0, imported: [], rejected: [] });
  });
});
