import type { DomainSpec, ToolSpec, UserFact } from "@/lib/domain/schema";
import { expandWorkflowDeterministic } from "@/lib/expand/deterministic";
import { toNested } from "@/lib/expand/nested";
import type { DoubleReply, DoubleRequest } from "../openai-double";

/**
 * The workflow expander's schema (lib/expand, "tree_proposal"), answered without a model: the
 * prompt carries the domain as JSON in <domain> tags and the workflow in <steps> tags; the reply
 * is the deterministic expander's tree in the nested format, so an e2e run of the LLM mode sees a
 * valid, synthesizable proposal (and a note saying who wrote it).
 */
const between = (text: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(text)?.[1];

type PromptDomain = {
  tools: (Pick<ToolSpec, "name" | "description" | "parameters"> & { spec: ToolSpec["effect"] })[];
  userFacts: UserFact[];
  tables: Record<string, { fields: string[]; example: Record<string, unknown> | null }>;
};

export function reply(request: DoubleRequest): DoubleReply {
  const messages: { role?: string; content?: unknown }[] = request.body?.messages ?? [];
  const prompt = messages.filter((m) => m.role === "user").map((m) => String(m.content ?? "")).join("\n");
  const domainJson = between(prompt, "domain");
  const steps = (between(prompt, "steps") ?? "").split("\n").map((s) => s.trim()).filter(Boolean);
  if (!domainJson || steps.length === 0) return { type: "message", content: "{}" };
  const data = JSON.parse(domainJson) as PromptDomain;
  const domain: DomainSpec = {
    slug: "double-scenario",
    name: "Scenario",
    description: "",
    policy: "",
    tools: data.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters, effect: t.spec })),
    userFacts: data.userFacts,
    db: Object.fromEntries(Object.entries(data.tables).map(([table, t]): [string, Record<string, Record<string, unknown>>] => [table, t.example ? { example: t.example } : {}])),
  };
  const { doc, notes } = expandWorkflowDeterministic(steps, domain);
  return {
    type: "message",
    content: JSON.stringify({ root: toNested(doc), notes: ["Written by the OpenAI test double (tree_proposal scenario).", ...notes] }),
  };
}
