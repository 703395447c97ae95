import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatMessage } from "@/lib/chat/schema";
import { exportDataset, type ExportResult } from "./export";
import { exampleRows, shopRows } from "./test-fixture";
import type { ExportRow } from "./types";

let rows: ExportRow[];
let dir: string;
let result: ExportResult;
const lines = (file: string) => readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));

beforeAll(async () => {
  rows = [...shopRows(), ...(await exampleRows())];
  dir = mkdtempSync(path.join(tmpdir(), "chat-"));
  const split = new Map([[rows[0].id, "validation" as const]]);
  result = await exportDataset({ format: "chat", rows, outDir: dir, split, tokenBudget: 100_000 });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chat JSONL export", () => {
  it("writes one parseable line per case, split by file", () => {
    expect(result.files.map((f) => path.basename(f))).toEqual(["train.jsonl", "val.jsonl", "README.md"]);
    const train = lines(path.join(dir, "train.jsonl"));
    const val = lines(path.join(dir, "val.jsonl"));
    expect(val.map((l) => l.metadata.id)).toEqual([rows[0].id]);
    expect(train.length + val.length).toBe(rows.length);
    expect(result.warnings).toEqual([]);
  });

  it("holds OpenAI chat messages starting with system then user, the tools, and the case metadata", () => {
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const line of lines(path.join(dir, "train.jsonl"))) {
      const row = byId.get(line.metadata.id)!;
      expect(line.messages.map((m: ChatMessage) => ChatMessage.parse(m).role).slice(0, 2)).toEqual(["system", "user"]);
      expect(line.messages[0].content).toContain(row.domain.policy.trim());
      expect(line.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(row.domain.tools.map((t) => t.name));
      expect(line.metadata).toMatchObject({ outcome: row.testCase.expected_outcome, domain: row.domain.slug, split: "train", branch: { branchId: row.testCase.branch.branchId } });
      // every tool call the agent makes is one of the declared tools, answered by a tool message
      const calls = line.messages.flatMap((m: ChatMessage) => (m.role === "assistant" ? (m.tool_calls ?? []) : []));
      for (const call of calls) {
        expect(row.domain.tools.map((t) => t.name)).toContain(call.function.name);
        expect(line.messages.some((m: ChatMessage) => m.role === "tool" && m.tool_call_id === call.id)).toBe(true);
      }
    }
  });

  it("counts conversation tokens per row for the card", () => {
    expect(result.stats.tokens.length).toBe(rows.length);
    expect(Math.min(...result.stats.tokens)).toBeGreaterThan(100);
  });
});
