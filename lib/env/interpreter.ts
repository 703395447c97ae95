import type { Database, DomainSpec, ToolSpec } from "@/lib/domain/schema";
import type { LeafKind, TreeDoc, TreeNode } from "@/lib/tree/schema";
import { INNER_KINDS, isLeafKind } from "@/lib/tree/schema";
import { CelError, evalCel, guardHolds } from "@/lib/cel";
import { Environment } from "./environment";
import type { ToolResult } from "./types";

export interface TreeRunInput {
  /** The database to start from (default: the domain's). */
  db?: Database;
  /** Facts the user has given: `user` in guards and bindings. */
  user: Record<string, unknown>;
  /** Answers at confirm nodes: one for all, or per confirm node id (default: confirmed). */
  confirm?: boolean | Record<string, boolean>;
}

export interface TreeRun {
  /** The path taken, root first. */
  nodeIds: string[];
  leafId?: string;
  outcome?: LeafKind;
  calls: { nodeId: string; name: string; arguments: Record<string, unknown>; result: ToolResult }[];
  confirmations: { nodeId: string; label: string; confirmed: boolean }[];
  clarifications: { nodeId: string; missing: string[] }[];
  finalDb: Database;
  finalHash: string;
  /** Set when the walk could not reach a leaf. */
  stuck?: { nodeId: string; reason: string };
}

class Stuck extends Error {
  constructor(
    readonly nodeId: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * Walks a behavior tree from the root against a live Environment, as lib/tree/schema.ts defines
 * the node kinds: guarded children are tried in order, tools really run, confirm nodes follow the
 * given answers, and the first leaf ends the run. Never throws for a bad tree: it returns `stuck`.
 */
export function runTree(doc: TreeDoc, domain: Pick<DomainSpec, "tools" | "db">, input: TreeRunInput): TreeRun {
  const env = new Environment(domain);
  if (input.db) env.reset(input.db);
  const outputs: Record<string, unknown> = {};
  const run: Omit<TreeRun, "finalDb" | "finalHash"> = { nodeIds: [], calls: [], confirmations: [], clarifications: [] };
  const vars = () => ({ state: env.state(), user: input.user, outputs });
  const visited = new Set<string>();
  const callTool = (nodeId: string, name: string, args: Record<string, unknown>) => {
    const result = env.step({ name, arguments: args });
    run.calls.push({ nodeId, name, arguments: args, result });
    return result;
  };

  try {
    let nodeId = doc.rootId;
    // each node is entered at most once (a second visit means a cycle), so the walk ends within |nodes| steps
    for (;;) {
      const node = Object.hasOwn(doc.nodes, nodeId) ? doc.nodes[nodeId] : undefined;
      if (!node) throw new Stuck(nodeId, `node ${nodeId} does not exist`);
      if (visited.has(nodeId)) throw new Stuck(nodeId, `node ${nodeId} is reached again: the document has a cycle`);
      visited.add(nodeId);
      run.nodeIds.push(nodeId);
      if (isLeafKind(node.kind)) {
        finishAtLeaf(node, domain.tools, run, callTool);
        break;
      }
      if (!(INNER_KINDS as readonly string[]).includes(node.kind)) throw new Stuck(nodeId, `node ${nodeId} has unknown kind ${node.kind}`);
      if (node.kind === "tool_call") {
        const name = node.tool;
        if (!name) throw new Stuck(nodeId, `tool_call node ${nodeId} names no tool`);
        if (!domain.tools.some((t) => t.name === name)) throw new Stuck(nodeId, `tool ${name} is not a tool of this domain`);
        const result = callTool(nodeId, name, bindArguments(node, vars()));
        outputs[node.saveAs ?? name] = result.ok ? result.output : { error: result.error };
      }
      nodeId = node.kind === "confirm" ? confirmChild(node, input.confirm, run) : guardedChild(node, doc, vars());
    }
  } catch (e) {
    if (!(e instanceof Stuck)) throw e;
    run.stuck = { nodeId: e.nodeId, reason: e.message };
  }
  return { ...run, finalDb: env.state(), finalHash: env.hash() };
}

function bindArguments(node: TreeNode, vars: Record<string, unknown>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [param, expr] of Object.entries(node.args ?? {})) {
    try {
      args[param] = evalCel(expr, vars);
    } catch (e) {
      throw new Stuck(node.id, `argument ${param} (\`${expr}\`) of ${node.tool} does not evaluate: ${(e as Error).message}`);
    }
  }
  return args;
}

function guardedChild(node: TreeNode, doc: TreeDoc, vars: Record<string, unknown>): string {
  const children = node.children ?? [];
  if (!children.length) throw new Stuck(node.id, `${node.kind} node ${node.id} has no children`);
  const tried: string[] = [];
  for (const childId of children) {
    const guard = doc.nodes[childId]?.guard;
    try {
      if (guardHolds(guard, vars)) return childId;
    } catch (e) {
      const why = e instanceof CelError ? e.message : String(e);
      throw new Stuck(childId, `guard of ${childId} (\`${guard}\`) does not parse: ${why}`);
    }
    tried.push(`${childId}: \`${guard}\``);
  }
  throw new Stuck(node.id, `no child of ${node.id} holds; guards tried: ${tried.join("; ")}`);
}

function confirmChild(node: TreeNode, answers: TreeRunInput["confirm"], run: Pick<TreeRun, "confirmations">): string {
  const confirmed = typeof answers === "boolean" ? answers : (answers?.[node.id] ?? true);
  run.confirmations.push({ nodeId: node.id, label: node.label, confirmed });
  const next = (node.children ?? [])[confirmed ? 0 : 1];
  if (!next) throw new Stuck(node.id, `confirm node ${node.id} has no child for "${confirmed ? "confirms" : "declines"}"`);
  return next;
}

function finishAtLeaf(
  node: TreeNode,
  tools: ToolSpec[],
  run: Omit<TreeRun, "finalDb" | "finalHash">,
  callTool: (nodeId: string, name: string, args: Record<string, unknown>) => ToolResult,
): void {
  run.leafId = node.id;
  run.outcome = node.kind as LeafKind;
  if (node.kind === "clarify") run.clarifications.push({ nodeId: node.id, missing: node.missing ?? [] });
  if (node.kind !== "transfer") return;
  // the hand-off is itself a tool call when the domain has one, so a trajectory shows it
  const transfer = tools.find((t) => t.effect.kind === "transfer");
  if (!transfer) return;
  const props = (transfer.parameters.properties ?? {}) as Record<string, { type?: unknown }>;
  const required = Array.isArray(transfer.parameters.required) ? (transfer.parameters.required as string[]) : [];
  const text = node.reason || node.label;
  const args = Object.fromEntries(required.filter((p) => props[p]?.type === "string").map((p) => [p, text]));
  callTool(node.id, transfer.name, args);
}
