import type { LlmRole } from "./config";
import type { TokenUsage } from "./usage";

/**
 * Chat messages in OpenAI's wire shape (the same shape as lib/chat's ChatMessage, declared here
 * so lib/llm depends on nothing else in lib).
 */
export interface LlmToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

export type LlmMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: LlmToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface LlmTool {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name: string; schema: Record<string, unknown>; strict?: boolean; description?: string } };

export interface ChatRequest {
  role: LlmRole;
  messages: LlmMessage[];
  tools?: LlmTool[];
  responseFormat?: ResponseFormat;
  /** Override the role's configured value for this call. */
  temperature?: number;
  maxTokens?: number;
  seed?: number;
  signal?: AbortSignal;
  /** false skips the cache for this call (read and write). Default true. */
  useCache?: boolean;
  /** Scopes for usage accounting, e.g. ["job:42", "case:c_17"]; passed to onUsage. */
  usageKeys?: string[];
}

export interface ChatResult {
  content: string | null;
  toolCalls: LlmToolCall[];
  /** Tokens this call consumed: zero on a cache hit. */
  usage: TokenUsage;
  /** US dollars; 0 on a cache hit; null when the model has no configured price. */
  cost: number | null;
  cached: boolean;
  /** The model that answered, as the server names it. */
  model: string;
  finishReason: string | null;
  /** Wall time of the whole call: queueing, retries and waits included. */
  latencyMs: number;
  /** HTTP attempts made (0 on a cache hit). */
  attempts: number;
}
