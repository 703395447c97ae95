import path from "node:path";
import { ParquetSink } from "./parquet-sink";
import type { TokenCounter } from "./tokens";
import { SPLITS, writeFailed, type FormatWriter, type Split } from "./types";
import { VERL_COLUMNS, verlRow, type VerlRowOptions } from "./verl-row";

export interface VerlWriterOptions extends VerlRowOptions {
  outDir: string;
  /** Rows per parquet row group (default 1000). */
  rowGroupSize?: number;
  /** Counts each row's prompt (system + user, as the agent loop renders it) when given. */
  tokens?: TokenCounter;
}

/** The file names the paper's training scripts read. */
export const VERL_FILES: Record<Split, string> = { train: "train.parquet", validation: "val.parquet" };

/**
 * verl parquet: one file per split, each opened on its first row and written one row group at a
 * time. The paper's agent loop hands the chat template tools=[] (the tools live in the system
 * prompt), so the prompt is counted the same way.
 */
export function createVerlWriter(options: VerlWriterOptions): FormatWriter {
  const sinks = new Map<Split, ParquetSink>();
  const kv = [{ key: "flywheel.format", value: "verl-agentic/1" }];
  return {
    async add(row, ctx) {
      const record = verlRow(row, ctx.split, options);
      const count = options.tokens ? options.tokens.countPromptTokens(record.prompt, [], true) : null;
      const file = path.join(options.outDir, VERL_FILES[ctx.split]);
      try {
        let sink = sinks.get(ctx.split);
        if (!sink) sinks.set(ctx.split, (sink = new ParquetSink(file, VERL_COLUMNS, options.rowGroupSize ?? 1000, kv)));
        sink.add(record as unknown as Record<string, unknown>);
      } catch (e) {
        throw writeFailed(file, e);
      }
      return count;
    },
    async close() {
      const open = SPLITS.flatMap((s) => sinks.get(s) ?? []);
      for (const sink of open) await sink.close().catch((e) => Promise.reject(writeFailed(sink.filename, e)));
      return open.map((s) => s.filename);
    },
  };
}
