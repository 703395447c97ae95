import type { ChatMessage } from "@/lib/chat/schema";
import { stableHash } from "@/lib/chat/schema";
import { normalTrajectory, toolsForOpenAI, type OpenAITool } from "@/lib/sim";
import { LineSink } from "./line-sink";
import type { TokenCounter } from "./tokens";
import { problemChatRecord } from "./problem-row";
import { splitSinks } from "./split-sinks";
import { isProblemRow, type ExportRow, type FormatWriter, type Split } from "./types";

/** One SFT example: the ideal agent's conversation on the case, in OpenAI chat format. */
export interface ChatRecord {
  messages: ChatMessage[];
  tools: OpenAITool[];
  metadata: {
    id: string;
    domain: string;
    outcome: string;
    split: Split;
    branch: { treeId: number | null; revision: number | null; branchId: string; labels: string[] };
    persona: string;
    verified: boolean;
  };
}

/**
 * The wording seed mixes the row id in, so clones of one case do not all read alike; the content
 * (calls, facts, outcome) is the same for every seed.
 */
export function chatRecord(row: ExportRow, split: Split, seed = 0): ChatRecord {
  const tc = row.testCase;
  const messages = normalTrajectory(tc, row.domain, { seed: (stableHash(row.id) ^ seed) >>> 0 });
  return {
    messages,
    tools: toolsForOpenAI(row.domain.tools),
    metadata: {
      id: row.id,
      domain: row.domain.slug,
      outcome: tc.expected_outcome,
      split,
      branch: { treeId: tc.branch.treeId, revision: tc.branch.revision, branchId: tc.branch.branchId, labels: tc.branch.labels },
      persona: tc.persona,
      verified: tc.proof?.verified ?? false,
    },
  };
}

/** The whole SFT sequence: every turn, the tools block in the template, no generation prompt. */
export const chatTokens = (tokens: TokenCounter, record: Pick<ChatRecord, "messages" | "tools">): number => tokens.countPromptTokens(record.messages, record.tools, false);

export interface ChatWriterOptions {
  outDir: string;
  seed?: number;
  /** Counts each whole conversation (the SFT sequence, tools in the template) when given. */
  tokens?: TokenCounter;
}

export const CHAT_FILES: Record<Split, string> = { train: "train.jsonl", validation: "val.jsonl" };

/** Chat JSONL: one line per case, one file per split. */
export function createChatWriter(options: ChatWriterOptions): FormatWriter {
  const sinks = splitSinks(options.outDir, CHAT_FILES, (file) => new LineSink(file));
  return {
    async add(row, ctx) {
      const record = isProblemRow(row) ? problemChatRecord(row, ctx.split) : chatRecord(row, ctx.split, options.seed);
      const count = options.tokens ? chatTokens(options.tokens, record) : null;
      await sinks.write(ctx.split, (sink) => sink.writeLine(record));
      return count;
    },
    close: () => sinks.close(),
  };
}
