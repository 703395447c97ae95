import type { DomainSpec, ToolSpec } from "@/lib/domain/schema";
import type { LlmMessage } from "@/lib/llm/types";
import type { TreeDoc, TreeIssue } from "@/lib/tree/schema";
import { toNested } from "./nested";

/**
 * The expander's prompt. The system message teaches the tree (node kinds, guard order, CEL
 * variables, error outputs) with one compact example; the user message carries the domain as
 * data (tools with their JSON schemas and effects, user facts, table fields) between tags, the
 * policy, the workflow and, when there is one, the current tree to extend.
 */

export const SYSTEM_PROMPT = `You design behavior trees for a customer-service agent. A tree turns one workflow into every case the agent must handle; each root-to-leaf path becomes one test case.

Node kinds:
- decision: routes to its children. Children are tried in order; the first whose guard holds is taken. A child without a guard always holds, so it must be the LAST child.
- tool_call: calls "tool" with "args" (parameter -> CEL expression), stores the output under outputs[saveAs] (or outputs[<tool name>] without saveAs), then routes to its children like a decision.
- confirm: asks the user to confirm. Exactly two children: children[0] when the user confirms, children[1] when they decline. Its children have no guards.
- leaves (no children): execute (the request is carried out), clarify (ask for the facts listed in "missing"), refuse (policy forbids it; give "reason"), transfer (hand over to a human; give "reason"), abort (stop, e.g. the user declined; give "reason").

Guards and args are CEL expressions over three variables:
- user: the facts the user has given (only the domain's user facts). A fact may be absent: test with has(user.x) before using it.
- outputs: outputs of tool calls earlier on the SAME path, keyed by saveAs or tool name. A failed call (e.g. a record not found, a precondition failed) stores {"error": "<message>"}: test has(outputs.k.error) right after a lookup.
- state: the database, state.<table>[<key>].<field>. Prefer outputs: the agent only knows what tools showed it.
CEL rules: numbers in data are doubles, write 24.0 not 24; strings in double quotes; lists: size(l), l.exists(x, p), l.all(x, p), l.map(x, e), l.filter(x, p), v in l; maps: k in m; logical && || !; no assignments.

Design rules:
- Keep the workflow's happy path, ending in execute.
- Before a tool call, ask (clarify) for every user fact its args need that the user may not have given.
- After a lookup, branch on not-found.
- Before a write tool, refuse what its preconditions forbid (use the earlier lookup's output), then confirm; a decline ends in abort.
- Add a transfer for requests outside the workflow when a user fact names the request.
- Every args key is a parameter of the tool; every required parameter is bound.
- Labels are short and say what a curator reads on the canvas. Ids use letters, digits, _ . : - and are unique.

Reply with JSON: {"root": <node>, "notes": [<string>...]} where a node is {"id"?, "kind", "label", "guard"?, "tool"?, "args"?, "saveAs"?, "missing"?, "reason"?, "children"?: [<node>...]}.

Example (a different domain):
{"root":{"id":"root","kind":"decision","label":"What does the customer need?","children":[
 {"kind":"clarify","label":"Ask for the order id","guard":"!has(user.order_id)","missing":["order_id"]},
 {"kind":"tool_call","label":"Look up the order","tool":"get_order","args":{"order_id":"user.order_id"},"saveAs":"order","children":[
  {"kind":"clarify","label":"No such order: ask again","guard":"has(outputs.order.error)","missing":["order_id"]},
  {"kind":"refuse","label":"Order is not pending","guard":"outputs.order.status != \\"pending\\"","reason":"Only pending orders can be cancelled."},
  {"kind":"confirm","label":"Read back the order; ask for a yes","children":[
   {"kind":"tool_call","label":"Cancel the order","tool":"cancel_order","args":{"order_id":"user.order_id"},"children":[{"kind":"execute","label":"Order cancelled"}]},
   {"kind":"abort","label":"Customer keeps the order","reason":"The customer declined."}]}]}]},
 "notes":["Assumed only pending orders can be cancelled."]}`;

/** A tool's effect in a line or a few: what it reads, filters, writes, and when it fails. */
export function describeEffect(tool: ToolSpec): string {
  const e = tool.effect;
  switch (e.kind) {
    case "get":
      return `reads one ${e.table} record by key \`${e.key}\`; when missing the output is {"error": "${e.notFound ?? "not found"}"}`;
    case "filter":
      return `returns {"${e.as ?? "items"}": [${e.table} rows where \`${e.where}\`]}${e.fields ? ` with fields ${e.fields.join(", ")}` : ""}`;
    case "transfer":
      return "hands the conversation to a human (use a transfer leaf for it)";
    case "write": {
      const reads = e.reads.map((r) => `rec.${r.name} = ${r.table}[${r.key}]`).join("; ");
      const pre = e.preconditions.map((p) => `\`${p.check}\` else "${p.error}"`).join("; ");
      return `changes the database${reads ? `; reads ${reads}` : ""}${pre ? `; preconditions (a failed one returns {"error"}): ${pre}` : ""}`;
    }
  }
}

/** Table → its field names and one example row, so guards use real field names. */
function tableSketch(db: DomainSpec["db"]): Record<string, { fields: string[]; example: unknown }> {
  const out: Record<string, { fields: string[]; example: unknown }> = {};
  for (const [table, rows] of Object.entries(db)) {
    const list = Object.values(rows);
    out[table] = { fields: [...new Set(list.flatMap((r) => Object.keys(r)))], example: list[0] ?? null };
  }
  return out;
}

/** The domain as the model (and the OpenAI double's scenario) reads it. */
export function domainBlock(domain: DomainSpec): string {
  const data = {
    tools: domain.tools.map((t) => ({ name: t.name, description: t.description, parameters: t.parameters, effect: describeEffect(t), spec: t.effect })),
    userFacts: domain.userFacts,
    tables: tableSketch(domain.db),
  };
  return JSON.stringify(data);
}

export function buildExpandMessages({ steps, domain, currentTree }: { steps: string[]; domain: DomainSpec; currentTree?: TreeDoc | null }): LlmMessage[] {
  const current = currentTree ? toNested(currentTree) : null;
  const parts = [
    `Domain: ${domain.name}. ${domain.description}`,
    `<domain>${domainBlock(domain)}</domain>`,
    domain.policy.trim() ? `<policy>\n${domain.policy.trim()}\n</policy>` : "",
    `Workflow (the happy path, one step per line):\n<steps>\n${steps.join("\n")}\n</steps>`,
    current
      ? `The current tree is below. Extend it: keep the ids of the nodes you keep, so the curator sees a clean diff.\n<current_tree>${JSON.stringify(current)}</current_tree>`
      : "There is no tree yet: write it whole.",
    "Write the behavior tree for this workflow.",
  ];
  return [
    { role: "system", content: SYSTEM_PROMPT },
    { role: "user", content: parts.filter(Boolean).join("\n\n") },
  ];
}

/** The repair turn: the tree's validation errors, by node, and a request for the whole tree again. */
export function repairMessage(issues: Pick<TreeIssue, "nodeId" | "message">[]): LlmMessage {
  const lines = issues.map((i) => `- ${i.nodeId ? `[${i.nodeId}] ` : ""}${i.message}`);
  return {
    role: "user",
    content: `Your tree does not pass validation:\n${lines.join("\n")}\nReply with the whole corrected tree as JSON, in the same format. Node ids in brackets are the ids your nodes were given.`,
  };
}
