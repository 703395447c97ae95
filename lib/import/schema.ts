import { z } from "zod";
import { CaseTool, PathStep } from "@/lib/cases/schema";

/**
 * A tool as the paper's records declare it: no effect (the records carry expected outputs, not
 * executable tools), JSON-schema `parameters`, the paper's non-standard `outputs`, and any other
 * keys in `extra`. The same shape TestCase.tools holds.
 */
export const ImportedTool = CaseTool;
export type ImportedTool = z.infer<typeof ImportedTool>;

export const ToolPaths = z.object({ normal_path: z.array(PathStep), hack_path: z.array(PathStep) });
export type ToolPaths = z.infer<typeof ToolPaths>;

/** The user message, split into the task the user states and the paper's instructions to the agent. */
export const ImportedTask = z.object({
  /** What the user asks, without the appended instructions. */
  text: z.string(),
  /** The appended instruction block (reasoning note, <question>/<answer> tags), "" when absent. */
  instructions: z.string(),
  /** Whether the message ended in the paper's "/no_think" switch. */
  noThink: z.boolean(),
  raw: z.string(),
});
export type ImportedTask = z.infer<typeof ImportedTask>;

/**
 * The paper's S3 step merges the first-turn background, the hack follow-up and the "additional
 * parameters" into one `task_background`; this is that text taken apart where it can be.
 */
export const SplitBackground = z.object({
  /** Whether the parts could be told apart; when false `user` holds the whole text. */
  isSeparable: z.boolean(),
  user: z.string(),
  hack: z.string(),
  additionalParameters: z.string(),
});
export type SplitBackground = z.infer<typeof SplitBackground>;

/** One filtered record (reference-pipeline.md §2), validated and taken apart. */
export const ImportedCase = z.object({
  id: z.string(),
  systemPrompt: z.string(),
  /** The last <policy> block of the system prompt. */
  policy: z.string(),
  /** The last <tools> block, one tool per line. */
  tools: z.array(ImportedTool),
  task: ImportedTask,
  task_background: z.string(),
  background: SplitBackground,
  /** The paper's `rubrics` (S3's `evaluation`). */
  evaluation: z.string(),
  test_policy: z.string(),
  user_escape_strategy: z.string(),
  tool_return_expected: ToolPaths,
  /** Record fields this importer does not know, kept as found. */
  extra: z.record(z.string(), z.unknown()),
  /** Things a reviewer should know that did not stop the import (unknown tool in a path, …). */
  warnings: z.array(z.string()),
});
export type ImportedCase = z.infer<typeof ImportedCase>;
