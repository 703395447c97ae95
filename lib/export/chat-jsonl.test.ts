import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatRecord } from "./chat-jsonl";
import { exportDataset, type ExportResult } from "./export";
import { checkChatLines, jsonLines } from "./test-checks";
import { shopRows } from "./test-fixture";

const rows = shopRows();
let dir: string;
let result: ExportResult;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chat-"));
  result = await exportDataset({ format: "chat", rows, outDir: dir, split: new Map([[rows[0].id, "validation" as const]]), tokenBudget: 100_000 });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chat JSONL export", () => {
  it("writes one parseable line per case, split by file", () => {
    expect(result.files.map((f) => path.basename(f))).toEqual(["train.jsonl", "val.jsonl", "README.md"]);
    expect(jsonLines(path.join(dir, "val.jsonl")).map((l) => [l.metadata.id, l.metadata.split])).toEqual([[rows[0].id, "validation"]]);
    expect(jsonLines(path.join(dir, "train.jsonl")).map((l) => l.metadata.id)).toEqual(rows.slice(1).map((r) => r.id));
    expect(result.warnings).toEqual([]);
  });

  it("holds OpenAI chat messages from system then user, the tools and the case metadata", () => {
    checkChatLines([...jsonLines(path.join(dir, "train.jsonl")), ...jsonLines(path.join(dir, "val.jsonl"))], rows);
    const transfer = jsonLines(path.join(dir, "train.jsonl")).find((l) => l.metadata.outcome === "transfer");
    expect(transfer.messages.some((m: { tool_calls?: { function: { name: string } }[] }) => m.tool_calls?.[0].function.name === "transfer_to_human")).toBe(true);
  });

  it("varies the wording with the row id, never the content", () => {
    const a = chatRecord(rows[0], "train");
    const b = chatRecord({ ...rows[0], id: "other-id" }, "train");
    const calls = (r: typeof a) => r.messages.flatMap((m) => (m.role === "assistant" ? (m.tool_calls ?? []).map((c) => [c.function.name, c.function.arguments]) : []));
    expect(calls(b)).toEqual(calls(a));
    expect(chatRecord(rows[0], "train")).toEqual(a);
  });

  it("counts each conversation's Qwen3 tokens for the card", () => {
    expect(result.stats.tokens).toHaveLength(rows.length);
    expect(Math.min(...result.stats.tokens)).toBeGreaterThan(100);
  });
});
