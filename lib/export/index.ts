/** Dataset exports: verl parquet, chat JSONL and tau2-bench tasks, plus splits, token counts and the dataset card. */
export { exportDataset, TOKEN_BUDGETS, TOKEN_SCOPE, type ExportDatasetOptions, type ExportResult } from "./export";
export { reasoningVerlRow, problemChatRecord, REASONING_COLUMNS, REASONING_AGENT, type ReasoningVerlRow, type ProblemChatRecord } from "./problem-row";
export { EXPORT_FORMATS, SPLITS, isProblemRow, type AnyExportRow, type ProblemExportRow, type ExportFormat, type ExportRow, type ExportWarning, type FormatWriter, type RowContext, type RowSource, type Split } from "./types";
export { verlRow, envSpec, VERL_COLUMNS, PAPER_AGENT, type VerlRow, type VerlRowOptions } from "./verl-row";
export { createVerlWriter, verlPromptTokens, VERL_FILES } from "./verl";
export { chatRecord, chatTokens, createChatWriter, CHAT_FILES, type ChatRecord } from "./chat-jsonl";
export { tau2Task, dbPatch, REWARD_BASIS, TAU2_REWARD_COMPONENTS, type Tau2Task, type Tau2Action, type Tau2RewardComponent } from "./tau2-task";
export { createTau2Writer, TAU2_SPLIT_NAMES } from "./tau2";
export { agenticPrompt, taskBackground, lastToolsBlock, USER_INSTRUCTIONS, type AgenticPrompt } from "./prompt";
export { loadTokenCounter, countPromptTokens, overBudget, type TokenCounter } from "./tokens";
export { CardStats, renderCard, tokenHistogram, type CardMeta } from "./card";
export { rowTokens, TOKEN_FORMATS, type RowTokenOptions, type TokenFormat } from "./row-tokens";
export { percentile, summarizeTokens, tokenBins, tokenFigures, type TokenBin, type TokenFigures, type TokenSummary } from "./token-stats";
export { planSplit, problemSplit, splitItem, snapshotHash, SnapshotHasher, type SplitItem, type SplitPlan } from "./split";
