import { z } from "zod";
import type { LlmClient } from "./client";
import type { StructuredMode } from "./config";
import { StructuredOutputError } from "./errors";
import { extractJson } from "./json-extract";
import type { ChatRequest, ChatResult, LlmMessage, ResponseFormat } from "./types";

/** A chat request (without tools or a response format: the mode sets that) whose reply must parse as `schema`. */
export interface StructuredRequest<T> extends Pick<ChatRequest, "role" | "messages" | "temperature" | "maxTokens" | "seed" | "signal" | "useCache" | "usageKeys"> {
  schema: z.ZodType<T>;
  /** Names the schema for the provider (json_schema.name) and in error messages. */
  name: string;
  /** Defaults to the client config's `structuredMode`. */
  mode?: StructuredMode;
}

export interface StructuredResult<T> {
  value: T;
  /** The reply text that passed. */
  raw: string;
  /** 1, or 2 when the repair turn was needed. */
  attempts: number;
  calls: ChatResult[];
}

/** The JSON Schema a model should fill: the schema's *input* side, `$schema` dropped. */
export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function withInstruction(messages: LlmMessage[], instruction: string): LlmMessage[] {
  const [first, ...rest] = messages;
  if (first?.role === "system") return [{ role: "system", content: `${first.content}\n\n${instruction}` }, ...rest];
  return [{ role: "system", content: instruction }, ...messages];
}

type Check<T> = { ok: true; value: T } | { ok: false; issues: string[] };

function check<T>(schema: z.ZodType<T>, content: string | null): Check<T> {
  if (content === null || !content.trim()) return { ok: false, issues: ["the reply had no text content"] };
  const json = extractJson(content);
  if (!json.ok) return { ok: false, issues: [`the reply is not valid JSON (${json.error})`] };
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`) };
}

/**
 * Asks for JSON matching `schema`, validates it, and on failure gives the model ONE repair turn
 * that shows its own output and the validation errors. A second failure throws
 * StructuredOutputError carrying the raw reply and the messages, for the job to record.
 */
export async function chatStructured<T>(client: LlmClient, request: StructuredRequest<T>): Promise<StructuredResult<T>> {
  const mode = request.mode ?? client.config.structuredMode;
  const schemaJson = jsonSchemaOf(request.schema);
  const responseFormat: ResponseFormat | undefined =
    mode === "json_schema" ? { type: "json_schema", json_schema: { name: request.name, schema: schemaJson } }
    : mode === "json_object" ? { type: "json_object" }
    : undefined;
  const instruction = mode === "json_schema"
    ? "Reply with the JSON object only."
    : `Reply with one JSON object and nothing else. It must match this JSON Schema:\n${JSON.stringify(schemaJson)}`;
  const { schema: _s, name: _n, mode: _m, messages: original, ...params } = request;
  const calls: ChatResult[] = [];
  const ask = async (messages: LlmMessage[]) => {
    const result = await client.chat({ ...params, messages, responseFormat });
    calls.push(result);
    return result;
  };

  const messages = withInstruction(original, instruction);
  const first = await ask(messages);
  const firstCheck = check(request.schema, first.content);
  if (firstCheck.ok) return { value: firstCheck.value, raw: first.content!, attempts: 1, calls };

  const repair: LlmMessage[] = [
    ...messages,
    { role: "assistant", content: first.content ?? "" },
    {
      role: "user",
      content: `Your reply did not pass validation for "${request.name}":\n${firstCheck.issues.map((i) => `- ${i}`).join("\n")}\n` +
        "Reply again with only the corrected JSON object, matching the schema exactly.",
    },
  ];
  const second = await ask(repair);
  const secondCheck = check(request.schema, second.content);
  if (secondCheck.ok) return { value: secondCheck.value, raw: second.content!, attempts: 2, calls };
  throw new StructuredOutputError(request.name, second.content ?? "", secondCheck.issues, 2);
}
