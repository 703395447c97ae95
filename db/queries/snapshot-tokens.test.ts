import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { reviewDb } from "./reviews-fixture";
import { createSnapshot, snapshotRows } from "./snapshots";
import { computeSnapshotTokens, ensureSnapshotTokens, readSnapshotTokens, tokenReport } from "./snapshot-tokens";
import { getDomainBySlug, toSpec, updateDomain } from "./domains";
import { exportDataset, loadTokenCounter, type TokenCounter, type TokenFormat } from "@/lib/export";

let counter: TokenCounter;
beforeAll(async () => {
  counter = await loadTokenCounter();
}, 60_000);

/** The real counter, with every prompt it counts recorded. */
const spyCounter = () => ({ ...counter, countPromptTokens: vi.fn(counter.countPromptTokens) });

async function exportedCounts(rows: ReturnType<typeof snapshotRows>, format: TokenFormat): Promise<number[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "snapshot-tokens-"));
  try {
    return (await exportDataset({ format, rows, outDir: dir, card: false })).stats.tokens;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("snapshot token counts", () => {
  it("counts every row as the export does, in both formats", async () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop", seed: 3, validationRatio: 0.3 });
    for (const format of ["verl", "chat"] as const) {
      const stored = await computeSnapshotTokens({ db, id: snap.id, format, counter });
      expect(stored.counts.map(([id]) => id)).toEqual([...snapshotRows({ db, id: snap.id })].map((r) => Number(r.id)));
      expect(stored.counts.map(([, n]) => n)).toEqual(await exportedCounts(snapshotRows({ db, id: snap.id }), format));
      expect(stored.counts.length).toBe(snap.cases);
    }
    const verl = readSnapshotTokens({ db, id: snap.id, format: "verl" })!;
    const chat = readSnapshotTokens({ db, id: snap.id, format: "chat" })!;
    // the chat row is the whole conversation with the tools block; the verl row only the prompt
    expect(chat.counts.every(([, n], i) => n > verl.counts[i][1])).toBe(true);
  }, 30_000);

  it("stores the counts the first time and reads them back without counting again", async () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop" });
    expect(readSnapshotTokens({ db, id: snap.id, format: "chat" })).toBeNull();
    const first = spyCounter();
    const computed = await ensureSnapshotTokens({ db, id: snap.id, format: "chat", counter: first });
    expect(first.countPromptTokens).toHaveBeenCalledTimes(snap.cases);

    const second = spyCounter();
    const cached = await ensureSnapshotTokens({ db, id: snap.id, format: "chat", counter: second });
    expect(second.countPromptTokens).not.toHaveBeenCalled();
    expect(cached).toEqual(computed);
    expect(readSnapshotTokens({ db, id: snap.id, format: "verl" })).toBeNull(); // per format
  }, 30_000);

  it("goes stale when the domain's policy changes (it is in every prompt)", async () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop" });
    const before = await ensureSnapshotTokens({ db, id: snap.id, format: "verl", counter });
    const spec = toSpec(getDomainBySlug({ db, slug: "shop" }));
    updateDomain({ db, slug: "shop", spec: { ...spec, policy: `${spec.policy}\n\n${"Always double-check the order id before any change. ".repeat(20)}` } });
    expect(readSnapshotTokens({ db, id: snap.id, format: "verl" })).toBeNull();
    const again = spyCounter();
    const after = await ensureSnapshotTokens({ db, id: snap.id, format: "verl", counter: again });
    expect(again.countPromptTokens).toHaveBeenCalledTimes(snap.cases);
    expect(after.counts.every(([, n], i) => n > before.counts[i][1] + 100)).toBe(true);
  }, 30_000);

  it("reports figures, bins and the over-budget rows with their tasks against any budget", async () => {
    const { db } = reviewDb();
    const snap = createSnapshot({ db, domainSlug: "shop" });
    const row = await ensureSnapshotTokens({ db, id: snap.id, format: "verl", counter });
    const sorted = row.counts.map(([, n]) => n).sort((a, b) => a - b);
    const budget = sorted[Math.floor(sorted.length / 2)];
    const report = tokenReport({ db, row, budget })!;
    expect(report).toMatchObject({ rows: snap.cases, budget, min: sorted[0], max: sorted.at(-1) });
    expect(report.bins.reduce((n, b) => n + b.count, 0)).toBe(snap.cases);
    expect(report.overCount).toBe(sorted.filter((n) => n > budget).length);
    expect(report.over.map((o) => o.tokens)).toEqual(sorted.filter((n) => n > budget).reverse());
    const tasks = new Map([...snapshotRows({ db, id: snap.id })].map((r) => [Number(r.id), r.testCase.task]));
    for (const o of report.over) expect(o.task).toBe(tasks.get(o.caseId));
    expect(tokenReport({ db, row, budget, limit: 1 })!.over).toHaveLength(Math.min(1, report.overCount));
    expect(tokenReport({ db, row, budget: 1_000_000 })!.overCount).toBe(0);
  }, 30_000);
});
