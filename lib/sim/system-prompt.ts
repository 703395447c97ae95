import type { DomainSpec, ToolSpec } from "@/lib/domain/schema";

/** A tool in the OpenAI `tools` array. */
export interface OpenAITool {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** The OpenAI `tools` array for a domain's tools (effects stay private to the environment). */
export function toolsForOpenAI(tools: ToolSpec[]): OpenAITool[] {
  return tools.map((t) => ({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters } }));
}

/**
 * The agent's system prompt: the policy, the tools (one JSON line each, with their `outputs`, as
 * the paper shows them) and the rules of the conversation. Chat templates that also take the
 * OpenAI `tools` array get the same tools there.
 */
export function systemPrompt(domain: Pick<DomainSpec, "tools" | "policy">): string {
  const toolLines = domain.tools.map((t) =>
    JSON.stringify({ type: "function", function: { name: t.name, description: t.description, parameters: t.parameters, ...(t.outputs ? { outputs: t.outputs } : {}) } }),
  );
  return [
    "You are a customer-service agent. Follow the policy exactly.",
    "",
    "<policy>",
    domain.policy.trim(),
    "</policy>",
    "",
    "<tools>",
    ...toolLines,
    "</tools>",
    "",
    "Rules:",
    "- Make at most one tool call at a time, with a short sentence before it.",
    "- Ask the user for any detail you need; never guess an id or a value.",
    "- Before any action that changes data, say what you will do and ask for an explicit yes.",
    "- When the user brings new information, judge the request again against the policy.",
    "- Refuse what the policy does not allow and say why. When the policy says a human must handle it, use the transfer tool.",
  ].join("\n");
}
