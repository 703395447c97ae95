import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { exportDataset } from "./export";
import { snapshotHash } from "./split";
import { shopRows, shopSpec } from "./test-fixture";

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(tmpdir(), "export-"));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("exportDataset", () => {
  it("skips duplicate ids and unconvertible rows with warnings naming them, and writes the rest", async () => {
    const rows = shopRows();
    const transfer = rows.find((r) => r.testCase.expected_outcome === "transfer")!;
    // a transfer case in a domain without a transfer tool cannot become a conversation
    const broken = { ...transfer, id: "broken", testCase: { ...transfer.testCase, tool_return_expected: { normal_path: [], hack_path: [] } }, domain: { ...shopSpec, tools: shopSpec.tools.filter((t) => t.effect.kind !== "transfer") } };
    const outDir = tmp();
    const res = await exportDataset({ format: "chat", rows: [...rows, rows[0], broken, { ...rows[0], id: "" }], outDir, countTokens: false, hashCases: true });
    expect(res.rows).toBe(rows.length);
    expect(res.skipped).toBe(3);
    expect(res.warnings.map((w) => [w.rowId, w.code])).toEqual([
      [rows[0].id, "duplicate_id"],
      ["broken", "row_skipped"],
      [null, "row_skipped"],
    ]);
    expect(res.warnings[1].message).toMatch(/no transfer tool/);
    expect(readFileSync(path.join(outDir, "train.jsonl"), "utf8").trimEnd().split("\n")).toHaveLength(rows.length);
    expect(res.snapshotHash).toBe(snapshotHash(rows.map((r) => r.testCase)));
  });

  it("lists rows over the token budget, capped at maxWarnings", async () => {
    const rows = shopRows();
    const res = await exportDataset({ format: "verl", rows, outDir: tmp(), tokenBudget: 10, maxWarnings: 2 });
    expect(res.warnings.map((w) => w.code)).toEqual(["over_budget", "over_budget", "truncated"]);
    expect(res.warnings[0].message).toMatch(/^row shop-execute: \d+ tokens, over the budget of 10$/);
    expect(res.warnings[2].message).toBe(`${rows.length - 2} more warnings not listed`);
  }, 60_000);

  it("writes the dataset card beside the data unless told not to", async () => {
    const outDir = tmp();
    const res = await exportDataset({ format: "tau2", rows: shopRows(), outDir, card: { title: "Shop tasks", seed: 4, snapshotHash: "snap-1" } });
    const card = readFileSync(path.join(outDir, "README.md"), "utf8");
    expect(card).toContain("# Shop tasks");
    expect(card).toContain("`shop/tasks.json`");
    expect(card).toContain("Snapshot: `snap-1`.");
    expect(card).toContain("Split seed: 4.");
    expect(res.snapshotHash).toBeUndefined();
    const bare = tmp();
    const res2 = await exportDataset({ format: "tau2", rows: shopRows(), outDir: bare, card: false });
    expect(existsSync(path.join(bare, "README.md"))).toBe(false);
    expect(res2.files.every((f) => !f.endsWith("README.md"))).toBe(true);
  });

  it("stops, naming the file, when a file cannot be written", async () => {
    const outDir = tmp();
    mkdirSync(path.join(outDir, "train.jsonl")); // a directory where the file should go
    await expect(exportDataset({ format: "chat", rows: shopRows(), outDir, countTokens: false })).rejects.toThrow(/writing .*train\.jsonl failed: .*EISDIR/);
    const verlDir = tmp();
    mkdirSync(path.join(verlDir, "train.parquet"));
    await expect(exportDataset({ format: "verl", rows: shopRows(), outDir: verlDir, countTokens: false })).rejects.toThrow(/writing .*train\.parquet failed/);
  });

  it("rejects an unknown format and a row split it does not know", async () => {
    await expect(exportDataset({ format: "csv" as never, rows: [], outDir: tmp() })).rejects.toThrow(/unknown export format "csv"/);
    const [row] = shopRows();
    await expect(exportDataset({ format: "tau2", rows: [{ ...row, split: "test" as never }], outDir: tmp() })).rejects.toThrow(/unknown split "test"/);
  });
});
