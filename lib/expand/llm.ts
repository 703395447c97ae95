import type { DomainSpec } from "@/lib/domain/schema";
import type { LlmClient } from "@/lib/llm/client";
import { StructuredOutputError } from "@/lib/llm/errors";
import { chatStructured } from "@/lib/llm/structured";
import type { ChatResult, LlmMessage } from "@/lib/llm/types";
import { TreeDoc, type TreeIssue } from "@/lib/tree/schema";
import { validateTree } from "@/lib/tree/validate";
import { buildExpandMessages, repairMessage } from "./llm-prompt";
import { TREE_PROPOSAL_SCHEMA, TreeProposal } from "./llm-schema";
import { toNested, toTreeDoc } from "./nested";

/**
 * The LLM expander: one structured call for the nested tree (lib/llm repairs JSON that does not
 * fit the schema, once), then validateTree on the flattened document; a tree with errors gets
 * ONE repair round that shows the model its tree (with the ids the errors name) and the errors.
 * What still fails comes back as a failure with its reasons, never as a half-valid tree.
 */
export type ExpandUsage = { calls: number; promptTokens: number; completionTokens: number; cost: number };

export type LlmExpansion =
  | { ok: true; doc: TreeDoc; notes: string[]; usage: ExpandUsage; rounds: number }
  | { ok: false; reasons: string[]; raw?: string; usage: ExpandUsage; rounds: number };

export type LlmExpandInput = { steps: string[]; domain: DomainSpec; currentTree?: TreeDoc | null; signal?: AbortSignal; usageKeys?: string[] };

function sumUsage(calls: ChatResult[]): ExpandUsage {
  return calls.reduce(
    (u, c) => ({
      calls: u.calls + 1,
      promptTokens: u.promptTokens + c.usage.promptTokens,
      completionTokens: u.completionTokens + c.usage.completionTokens,
      cost: u.cost + (c.cost ?? 0),
    }),
    { calls: 0, promptTokens: 0, completionTokens: 0, cost: 0 },
  );
}

/** Schema errors of the flat document (an id or saveAs of the wrong shape) and the tree's validation errors. */
function treeErrors(doc: TreeDoc, domain: DomainSpec): Pick<TreeIssue, "nodeId" | "message">[] {
  const parsed = TreeDoc.safeParse(doc);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => ({ nodeId: i.path[1] !== undefined ? String(i.path[1]) : null, message: `${i.path.slice(2).join(".") || "node"}: ${i.message}` }));
  }
  return validateTree(parsed.data, domain).filter((i) => i.severity === "error");
}

export async function expandWorkflowLlm(client: LlmClient, input: LlmExpandInput): Promise<LlmExpansion> {
  const calls: ChatResult[] = [];
  // Counts every call, also those of a structured request that ends in an error.
  const counted: LlmClient = { config: client.config, limiter: client.limiter, chat: async (r) => { const out = await client.chat(r); calls.push(out); return out; } };
  const reserved = input.currentTree ? Object.keys(input.currentTree.nodes) : [];
  const ask = (messages: LlmMessage[]) =>
    chatStructured(counted, { role: "expander", messages, schema: TreeProposal, name: TREE_PROPOSAL_SCHEMA, signal: input.signal, usageKeys: input.usageKeys });
  const fail = (reasons: string[], rounds: number, raw?: string): LlmExpansion => ({ ok: false, reasons, raw, usage: sumUsage(calls), rounds });

  const messages = buildExpandMessages(input);
  let rounds = 0;
  let conversation = messages;
  for (;;) {
    rounds++;
    let proposal: TreeProposal;
    try {
      proposal = (await ask(conversation)).value;
    } catch (e) {
      if (e instanceof StructuredOutputError) return fail([`The model's reply did not fit the tree format: ${e.issues.join("; ")}`], rounds, e.raw);
      throw e;
    }
    // Ids the model took from the current tree stay; new nodes get fresh ids that do not collide.
    const doc = toTreeDoc(proposal.root, reserved.filter((id) => !hasId(proposal.root, id)));
    const errors = treeErrors(doc, input.domain);
    if (errors.length === 0) return { ok: true, doc, notes: proposal.notes, usage: sumUsage(calls), rounds };
    const described = errors.map((i) => `${i.nodeId ? `[${i.nodeId}] ` : ""}${i.message}`);
    if (rounds >= 2) return fail([`The tree still has ${errors.length} validation error(s) after a repair round:`, ...described], rounds, JSON.stringify({ root: toNested(doc) }));
    conversation = [...messages, { role: "assistant", content: JSON.stringify({ root: toNested(doc), notes: proposal.notes }) }, repairMessage(errors)];
  }
}

function hasId(node: { id?: string; children?: { id?: string }[] }, id: string): boolean {
  if (node.id === id) return true;
  return (node.children ?? []).some((c) => hasId(c, id));
}
