import { isLeafKind, type TreeDoc, type TreeNode } from "./schema";
import { DomainError } from "@/lib/errors";
import { MAX_NESTING, readAction, type ReferenceNode, type ReferenceTree, type ReferenceTreeMeta } from "./reference-format";
import { clipLabel } from "./reference-import";

/**
 * Writes a tree in the paper's policy-tree format. With the meta of an import, the paper's
 * own fields (lists, preconditions, free-form actions and outcomes) are written back as they
 * were; without it they are derived from the tree. Guards, bindings and node ids travel in
 * extension keys, written only where they carry something (an id only where it differs from
 * the position-based one the importer would give), so a paper tree comes back as it went in.
 */
export function exportReferenceTree(doc: TreeDoc, meta?: ReferenceTreeMeta): ReferenceTree {
  const root = doc.nodes[doc.rootId];
  const synthesized = new Set(meta?.synthesized ?? []);
  const onPath = new Set<string>();

  const exportNode = (node: TreeNode, pathId: string): ReferenceNode => {
    if (onPath.size >= MAX_NESTING) {
      throw new DomainError("limit", `The tree is deeper than ${MAX_NESTING} levels at ${node.id}; the policy-tree format nests, so it cannot be written`);
    }
    onPath.add(node.id);
    const nodeMeta = meta?.nodes[node.id];
    const children = (node.children ?? []).map((id) => doc.nodes[id]).filter((c): c is TreeNode => !!c && !onPath.has(c.id));
    const folded = node.kind === "tool_call" && children.length === 1 && synthesized.has(children[0].id);
    const next = isLeafKind(node.kind) || folded ? [] : children.map((c, i) => exportNode(c, `${pathId}.${i}`));
    onPath.delete(node.id);

    const condition = nodeMeta?.condition && clipLabel(nodeMeta.condition) === node.label ? nodeMeta.condition : node.label;
    const out: ReferenceNode = { condition, action: actionOf(node, next.length > 0, nodeMeta), next: next.length ? next : null };
    if (nodeMeta?.outcome !== undefined) out.outcome = nodeMeta.outcome;
    if (node.id !== pathId) out.id = node.id;
    if (node.guard) out.guard = node.guard;
    if (node.args) out.args = node.args;
    if (node.saveAs) out.save_as = node.saveAs;
    if (node.missing?.length) out.missing = node.missing;
    if (node.reason !== undefined && node.reason !== node.label && node.reason !== condition) out.reason = node.reason;
    return { ...out, ...(nodeMeta?.extra ?? {}) };
  };

  const rootIsDecision = root?.kind === "decision";
  const branches = !root ? [] : rootIsDecision ? rootChildren(doc, root).map((c, i) => exportNode(c, `b${i}`)) : [exportNode(root, "b0")];
  const rootCondition = meta && root && clipLabel(meta.rootCondition) === root.label ? meta.rootCondition : (root?.label ?? "");
  const lists = meta ? fromMeta(meta) : derived(doc);
  const out: ReferenceTree = { root_condition: rootCondition, ...lists, branches, ...(meta?.extra ?? {}) };
  if (root && (!rootIsDecision || root.id !== "root")) out.root_id = root.id;
  return out;
}

function rootChildren(doc: TreeDoc, root: TreeNode): TreeNode[] {
  return (root.children ?? []).map((id) => doc.nodes[id]).filter((c): c is TreeNode => !!c && c.id !== root.id);
}

const CANONICAL: Record<TreeNode["kind"], string> = {
  decision: "proceed",
  tool_call: "tool_call",
  confirm: "request_confirmation",
  execute: "proceed",
  clarify: "clarify",
  refuse: "refuse",
  transfer: "transfer",
  abort: "abort",
};

/** The imported action when it still reads as this node (kind and tool unchanged), else the canonical one. */
function actionOf(node: TreeNode, hasNext: boolean, nodeMeta: ReferenceTreeMeta["nodes"][string] | undefined): string {
  if (nodeMeta?.action) {
    const reading = readAction(nodeMeta.action, hasNext, nodeMeta.outcome);
    if (reading.kind === node.kind && (node.kind !== "tool_call" || reading.tools[0] === node.tool)) return nodeMeta.action;
  }
  return node.kind === "tool_call" ? `tool_call: ${node.tool ?? ""}` : CANONICAL[node.kind];
}

type Lists = Pick<
  ReferenceTree,
  "allowed_actions" | "disallowed_actions" | "clarification_required" | "tool_preconditions" | "refusal_conditions" | "transfer_conditions"
>;

function fromMeta(meta: ReferenceTreeMeta): Lists {
  return {
    allowed_actions: meta.allowedActions,
    disallowed_actions: meta.disallowedActions,
    clarification_required: meta.clarificationRequired,
    tool_preconditions: meta.toolPreconditions,
    refusal_conditions: meta.refusalConditions,
    transfer_conditions: meta.transferConditions,
  };
}

/**
 * The paper's lists, read off a studio tree: what ends in execute is allowed, what is refused
 * (and why) is not, and a tool's preconditions are the guarded conditions on its paths.
 */
function derived(doc: TreeDoc): Lists {
  const unique = (items: string[]) => [...new Set(items.filter((s) => s.trim()))];
  const nodes = Object.values(doc.nodes);
  const labels = (kind: TreeNode["kind"]) => unique(nodes.filter((n) => n.kind === kind).map((n) => n.label));
  const preconditions: Record<string, { must_have: string[] }> = {};
  const seen = new Set<string>();
  const visit = (id: string, conditions: string[]) => {
    const node = doc.nodes[id];
    if (!node || seen.has(id)) return;
    seen.add(id);
    const here = node.guard?.trim() && id !== doc.rootId ? [...conditions, node.label] : conditions;
    if (node.kind === "tool_call" && node.tool) {
      const entry = (preconditions[node.tool] ??= { must_have: [] });
      entry.must_have = unique([...entry.must_have, ...here]);
    }
    (node.children ?? []).forEach((childId, i) => visit(childId, node.kind === "confirm" && i === 0 ? [...here, "confirmation"] : here));
  };
  visit(doc.rootId, []);
  return {
    allowed_actions: labels("execute"),
    disallowed_actions: unique(nodes.filter((n) => n.kind === "refuse").map((n) => n.reason ?? "")),
    clarification_required: unique(nodes.filter((n) => n.kind === "clarify").map((n) => (n.missing?.length ? `Missing ${n.missing.join(", ")}` : n.label))),
    tool_preconditions: preconditions,
    refusal_conditions: labels("refuse"),
    transfer_conditions: labels("transfer"),
  };
}
