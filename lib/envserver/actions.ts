import { z } from "zod";
import { AssistantMessage, ChatMessage } from "@/lib/chat/schema";

/**
 * OpenEnv's action, observation and state models for the studio's environment (what `/schema`
 * publishes). Actions reject unknown fields, as OpenEnv's action models do; every action may
 * carry OpenEnv's free-form `metadata`, which is ignored.
 */
const metadata = z.record(z.string(), z.unknown()).optional();
const taskId = z.union([z.string().min(1), z.number().int().min(0)]).transform(String);

/** `reset` data: extra reset keys choose the task. Without `task_id`, `seed` picks one (else a random one). */
export const ResetData = z.strictObject({
  task_id: taskId.optional(),
  seed: z.number().int().min(0).nullish(),
  max_turns: z.number().int().min(1).max(200).nullish(),
  episode_id: z.string().max(200).nullish(),
});
export type ResetData = z.infer<typeof ResetData>;

export const EnvAction = z.discriminatedUnion("type", [
  /** The domain's tools, MCP style. Not an agent turn. */
  z.strictObject({ type: z.literal("list_tools"), metadata }),
  /** One tool call as an agent turn; `content` is the sentence said before it. */
  z.strictObject({
    type: z.literal("call_tool"),
    tool_name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).default({}),
    content: z.string().nullish(),
    metadata,
  }),
  /** A text turn to the simulated user, who answers; the episode ends when the user stops. */
  z.strictObject({ type: z.literal("reply"), content: z.string().min(1, "content must not be empty"), metadata }),
  /** A whole OpenAI assistant message (text, or several tool calls), as an agent loop emits it. */
  z.strictObject({ type: z.literal("message"), message: AssistantMessage, metadata }),
]);
export type EnvAction = z.infer<typeof EnvAction>;

export const McpTool = z.object({ name: z.string(), description: z.string(), input_schema: z.record(z.string(), z.unknown()) });
export type McpTool = z.infer<typeof McpTool>;

export const ToolError = z.object({ error_type: z.enum(["execution_error", "invalid_args", "tool_not_found", "timeout"]), message: z.string() });
export type ToolError = z.infer<typeof ToolError>;

/** FastMCP's CallToolResult dump, as OpenEnv clients read it (`data` is the parsed output). */
export const CallToolResult = z.object({
  content: z.array(z.object({ type: z.literal("text"), text: z.string() })),
  structured_content: z.record(z.string(), z.unknown()).nullable(),
  data: z.unknown(),
  is_error: z.boolean(),
});
export type CallToolResult = z.infer<typeof CallToolResult>;

/** Which fields an observation has depends on the action that led to it; `reward` and `done` sit beside it on the wire. */
export const Observation = z.object({
  /** reset: the task, the opening messages (system + user) and the tools in OpenAI format. */
  task_id: z.string().optional(),
  messages: z.array(ChatMessage).optional(),
  tools: z.array(z.unknown()).optional(),
  /** call_tool */
  tool_name: z.string().optional(),
  result: CallToolResult.optional(),
  error: ToolError.nullable().optional(),
  /** reply: what the user said. */
  user: z.string().optional(),
  /** message: the messages the turn appended (tool results or the user's reply). */
  appended: z.array(ChatMessage).optional(),
  /** Once done: why, and the reward's components. */
  end_reason: z.string().nullable().optional(),
  components: z.object({ db: z.number(), forbidden: z.number(), outcome: z.number() }).optional(),
});
export type Observation = z.infer<typeof Observation>;

export const EnvState = z.object({
  episode_id: z.string().nullable(),
  step_count: z.number().int(),
  task_id: z.string().nullable(),
  done: z.boolean(),
  end_reason: z.string().nullable(),
  reward: z.number().nullable(),
  agent_turns: z.number().int(),
  messages: z.array(ChatMessage),
});
export type EnvState = z.infer<typeof EnvState>;

/** What `reset` and `step` return: the observation, with reward (null until done) and done lifted beside it. */
export interface StepReply {
  observation: Observation;
  reward: number | null;
  done: boolean;
}
