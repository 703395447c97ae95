import { chatRecord, chatTokens } from "./chat-jsonl";
import type { TokenCounter } from "./tokens";
import type { ExportFormat, ExportRow } from "./types";
import { verlPromptTokens } from "./verl";
import { verlRow, type VerlRowOptions } from "./verl-row";

/** The formats whose rows have a prompt to count (tau2 tasks are not model input). */
export const TOKEN_FORMATS = ["verl", "chat"] as const satisfies readonly ExportFormat[];
export type TokenFormat = (typeof TOKEN_FORMATS)[number];

export interface RowTokenOptions {
  /** verl: the row's routing names (they do not reach the prompt, but the row is built whole). */
  verl?: VerlRowOptions;
  /** chat: the export's trajectory wording seed (default 0, as exportDataset). */
  trajectorySeed?: number;
}

/**
 * One row's Qwen3 token count exactly as its format's writer counts it during an export: the same
 * record builder (verlRow, chatRecord) and the same counting function (verlPromptTokens,
 * chatTokens), without writing anything.
 */
export function rowTokens(format: TokenFormat, row: ExportRow, tokens: TokenCounter, options: RowTokenOptions = {}): number {
  const split = row.split ?? "train";
  return format === "verl" ? verlPromptTokens(tokens, verlRow(row, split, options.verl)) : chatTokens(tokens, chatRecord(row, split, options.trajectorySeed));
}
