import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DomainError } from "@/lib/errors";
import { CardStats, renderCard } from "./card";
import { createChatWriter } from "./chat-jsonl";
import { SnapshotHasher } from "./split";
import { createTau2Writer } from "./tau2";
import { loadTokenCounter } from "./tokens";
import { EXPORT_FORMATS, isProblemRow, isWriteFailure, SPLITS, type ExportFormat, type ExportWarning, type FormatWriter, type RowSource, type Split } from "./types";
import { createVerlWriter } from "./verl";
import type { VerlRowOptions } from "./verl-row";

export interface ExportDatasetOptions {
  format: ExportFormat;
  rows: RowSource;
  outDir: string;
  /** Split per row id (planSplit's assignment); rows it lacks, and rows without `split`, go to train. */
  split?: ReadonlyMap<string, Split>;
  /** Qwen3 token counts per row (default on for verl and chat; tau2 has no prompt to count). */
  countTokens?: boolean;
  /** Rows over this many tokens are listed in the warnings (defaults: TOKEN_BUDGETS). */
  tokenBudget?: number;
  /** verl: rows per parquet row group (default 1000), and the row's routing names. */
  rowGroupSize?: number;
  verl?: VerlRowOptions;
  /** chat: mixed with each row id into the trajectory's wording seed. */
  trajectorySeed?: number;
  /** The dataset card (README.md in outDir); false leaves it out. `snapshotHash` names the snapshot exported. */
  card?: false | { title?: string; seed?: number; snapshotHash?: string };
  /** Compute snapshotHash of the exported cases on the way (about 0.5 ms a case; off by default: snapshots carry their hash). */
  hashCases?: boolean;
  /** Warnings kept in the result (default 1000); the rest are counted in one last warning. */
  maxWarnings?: number;
}

export interface ExportResult {
  files: string[];
  /** Rows written (skipped rows are in the warnings). */
  rows: number;
  skipped: number;
  warnings: ExportWarning[];
  stats: CardStats;
  /** snapshotHash of the exported cases, when `hashCases` asked for it. */
  snapshotHash?: string;
}

/** verl: the paper's max prompt length; chat: a whole conversation within its prompt + response lengths (4096 + 10000). */
export const TOKEN_BUDGETS: Record<ExportFormat, number> = { verl: 4096, chat: 14096, tau2: Infinity };
/** What a format's token count measures (the card and the datasets page say it). */
export const TOKEN_SCOPE: Record<ExportFormat, string> = { verl: "prompt (system + user, generation prompt included)", chat: "whole conversation with the tools block", tau2: "" };

/**
 * Streams rows into one format's files under `outDir`, one row at a time: memory holds a row
 * group (verl) or a line (chat, tau2) plus per-row counters, never the dataset. A row that cannot
 * be converted is skipped with a warning naming it, never silently.
 */
export async function exportDataset(options: ExportDatasetOptions): Promise<ExportResult> {
  const { format, outDir } = options;
  if (!EXPORT_FORMATS.includes(format)) throw new DomainError("invalid", `unknown export format "${format}"; use ${EXPORT_FORMATS.join(", ")}`);
  if (!outDir) throw new DomainError("invalid", "outDir is required");
  mkdirSync(outDir, { recursive: true });

  const countTokens = (options.countTokens ?? true) && format !== "tau2";
  const tokens = countTokens ? await loadTokenCounter() : undefined;
  const budget = options.tokenBudget ?? TOKEN_BUDGETS[format];
  const writer: FormatWriter =
    format === "verl"
      ? createVerlWriter({ outDir, rowGroupSize: options.rowGroupSize, tokens, ...options.verl })
      : format === "chat"
        ? createChatWriter({ outDir, tokens, seed: options.trajectorySeed })
        : createTau2Writer({ outDir });

  const maxWarnings = options.maxWarnings ?? 1000;
  const warnings: ExportWarning[] = [];
  let dropped = 0;
  const warn = (rowId: string | null, code: ExportWarning["code"], message: string) => {
    if (warnings.length < maxWarnings) warnings.push({ rowId, code, message });
    else dropped++;
  };

  const stats = new CardStats();
  const hasher = options.hashCases ? new SnapshotHasher() : null;
  const seen = new Set<string>();
  let skipped = 0;
  for await (const row of options.rows) {
    const id = typeof row?.id === "string" ? row.id : "";
    if (!id || seen.has(id)) {
      skipped++;
      warn(id || null, id ? "duplicate_id" : "row_skipped", id ? `row ${id}: the id was already exported; ids must be unique` : "a row without an id was skipped");
      continue;
    }
    seen.add(id);
    const split: Split = row.split ?? options.split?.get(id) ?? "train";
    if (!SPLITS.includes(split)) throw new DomainError("invalid", `row ${id}: unknown split "${split}"`);
    try {
      const count = await writer.add(row, { split, warn: (code, message) => warn(id, code, message) });
      stats.add(row, split, count);
      hasher?.add(isProblemRow(row) ? row.problem : row.testCase);
      if (count !== null && count > budget) warn(id, "over_budget", `row ${id}: ${count} tokens, over the budget of ${budget}`);
    } catch (e) {
      if (isWriteFailure(e)) throw e;
      skipped++;
      warn(id, "row_skipped", `row ${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (dropped) warnings.push({ rowId: null, code: "truncated", message: `${dropped} more warnings not listed` });

  const files = await writer.close();
  const snapshot = hasher?.digest();
  if (options.card !== false) {
    const card = path.join(outDir, "README.md");
    const title = options.card?.title ?? `Flywheel Studio dataset (${format})`;
    const meta = { title, format, files: files.map((f) => path.relative(outDir, f)), snapshotHash: options.card?.snapshotHash ?? snapshot, seed: options.card?.seed };
    writeFileSync(card, renderCard(stats, { ...meta, tokenBudget: countTokens ? budget : undefined, tokenScope: TOKEN_SCOPE[format] }));
    files.push(card);
  }
  return { files, rows: stats.rows, skipped, warnings, stats, snapshotHash: snapshot };
}
