import { ParquetSink } from "./parquet-sink";
import type { TokenCounter } from "./tokens";
import { REASONING_COLUMNS, reasoningVerlRow } from "./problem-row";
import { splitSinks } from "./split-sinks";
import { isProblemRow, type FormatWriter, type Split } from "./types";
import { VERL_COLUMNS, verlRow, type VerlRow, type VerlRowOptions } from "./verl-row";

export interface VerlWriterOptions extends VerlRowOptions {
  outDir: string;
  /** Rows per parquet row group (default 1000). */
  rowGroupSize?: number;
  /** Counts each row's prompt (system + user, as the agent loop renders it) when given. */
  tokens?: TokenCounter;
}

/** The file names the paper's training scripts read. */
export const VERL_FILES: Record<Split, string> = { train: "train.parquet", validation: "val.parquet" };

/** The prompt as the paper's agent loop hands it to the model: tools=[] (they are in the system prompt), generation prompt on. */
export const verlPromptTokens = (tokens: TokenCounter, record: Pick<VerlRow, "prompt">): number => tokens.countPromptTokens(record.prompt, [], true);

/**
 * verl parquet: one file per split, each opened on its first row and written one row group at a
 * time. The paper's agent loop hands the chat template tools=[] (the tools live in the system
 * prompt), so the prompt is counted the same way.
 */
export function createVerlWriter(options: VerlWriterOptions): FormatWriter {
  // a parquet file has one schema: the first row's kind (case or reasoning problem) sets it for the export
  let kind: "case" | "problem" | null = null;
  let index = 0;
  const sinks = splitSinks(options.outDir, VERL_FILES, (file) => {
    const kv = [{ key: "flywheel.format", value: kind === "problem" ? "verl-reasoning/1" : "verl-agentic/1" }];
    return new ParquetSink(file, kind === "problem" ? REASONING_COLUMNS : VERL_COLUMNS, options.rowGroupSize ?? 1000, kv);
  });
  return {
    async add(row, ctx) {
      const rowKind = isProblemRow(row) ? "problem" : "case";
      kind ??= rowKind;
      if (rowKind !== kind) throw new Error(`a verl export holds one row kind; this one holds ${kind === "problem" ? "reasoning problems" : "cases"}`);
      const record = isProblemRow(row) ? reasoningVerlRow(row, ctx.split, index++) : verlRow(row, ctx.split, options);
      const count = options.tokens ? verlPromptTokens(options.tokens, record) : null;
      await sinks.write(ctx.split, (sink) => sink.add(record as unknown as Record<string, unknown>));
      return count;
    },
    close: () => sinks.close(),
  };
}
