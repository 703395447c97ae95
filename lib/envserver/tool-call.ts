import type { AssistantMessage } from "@/lib/chat/schema";
import type { AnyEpisode, StepResult } from "@/lib/rollout";
import type { OpenAITool } from "@/lib/sim";
import type { CallToolResult, McpTool, ToolError } from "./actions";

/** What one tool call did: the parsed output (null on error), the error if any, and the episode step. */
export interface ToolOutcome {
  toolCallId: string;
  output: unknown;
  error: ToolError | null;
  step: StepResult;
}

/** The domain's tools as MCP lists them. */
export function mcpTools(tools: OpenAITool[]): McpTool[] {
  return tools.map((t) => ({ name: t.function.name, description: t.function.description, input_schema: t.function.parameters }));
}

/**
 * Runs one tool call as an agent turn of the episode. The episode writes a failed call into the
 * trajectory as `{"error": message}` (the reward must see it); that shape is read back here and
 * classified the way OpenEnv's MCP errors are.
 */
export async function callTool(
  episode: AnyEpisode,
  call: { id: string; name: string; arguments: Record<string, unknown>; content?: string | null },
): Promise<ToolOutcome> {
  const message: AssistantMessage = {
    role: "assistant",
    content: call.content ?? null,
    tool_calls: [{ id: call.id, type: "function", function: { name: call.name, arguments: JSON.stringify(call.arguments) } }],
  };
  const step = await episode.step(message);
  const parsed = parseContent(step.appended[0]?.content ?? "null");
  const failure = errorMessage(parsed);
  return {
    toolCallId: call.id,
    output: failure === null ? parsed : null,
    error: failure === null ? null : { error_type: errorType(failure), message: failure },
    step,
  };
}

/** FastMCP's CallToolResult dump of an outcome. */
export function callToolResult(outcome: Pick<ToolOutcome, "output" | "error">): CallToolResult {
  if (outcome.error) return { content: [{ type: "text", text: outcome.error.message }], structured_content: null, data: null, is_error: true };
  const { output } = outcome;
  const isRecord = !!output && typeof output === "object" && !Array.isArray(output);
  return {
    content: [{ type: "text", text: typeof output === "string" ? output : JSON.stringify(output) }],
    structured_content: isRecord ? (output as Record<string, unknown>) : { result: output },
    data: output,
    is_error: false,
  };
}

function parseContent(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}

/** The environment's error result is exactly `{error: string}`. */
function errorMessage(value: unknown): string | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  const error = (value as { error?: unknown }).error;
  return keys.length === 1 && typeof error === "string" ? error : null;
}

function errorType(message: string): ToolError["error_type"] {
  if (/^unknown tool\b/.test(message)) return "tool_not_found";
  if (/not valid JSON|must be (a JSON object|an object)|^invalid arguments/.test(message)) return "invalid_args";
  return "execution_error";
}
