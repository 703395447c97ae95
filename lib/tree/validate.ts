import { createGuardChecker } from "./guard-check";
import type { TreeDomainContext } from "./guard-types";
import { isLeafKind, type TreeDoc, type TreeIssue } from "./schema";
import { nodeIssues, siblingIssues, visibleOutputsByNode } from "./validate-nodes";
import { nodeName, walkTree, type TreeWalk } from "./walk";

/**
 * Everything wrong with a tree, addressed by node. Errors make a tree unusable for case
 * synthesis (a branch could not run or would run differently than drawn); warnings point at
 * what is probably a mistake. Safe on any document: cycles and dangling ids are reported,
 * never followed twice.
 */
export function validateTree(doc: TreeDoc, domain?: TreeDomainContext): TreeIssue[] {
  const walk = walkTree(doc);
  const checker = createGuardChecker(domain);
  const visible = visibleOutputsByNode(doc, walk);
  const issues = structureIssues(doc, walk);
  for (const node of Object.values(doc.nodes)) {
    // Off the tree (unreachable) the path is unknown: null lets any output through.
    issues.push(...nodeIssues(node, visible.get(node.id) ?? null, checker, domain));
    issues.push(...siblingIssues(doc, node));
  }
  return issues;
}

function structureIssues(doc: TreeDoc, walk: TreeWalk): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const add = (nodeId: string | null, severity: TreeIssue["severity"], code: string, message: string) =>
    issues.push({ nodeId, severity, code, message });
  const name = (id: string) => nodeName(doc.nodes[id], id);

  if (!doc.nodes[doc.rootId]) {
    add(null, "error", "missing_root", `The root "${doc.rootId}" is not a node of this tree`);
  } else if (doc.nodes[doc.rootId].guard?.trim()) {
    add(doc.rootId, "warning", "root_guard", `${name(doc.rootId)} is the root: its guard is never evaluated`);
  }

  for (const [key, node] of Object.entries(doc.nodes)) {
    if (node.id !== key) add(key, "error", "id_mismatch", `Node stored under "${key}" has id "${node.id}"`);
    for (const childId of node.children ?? []) {
      if (!doc.nodes[childId]) add(key, "error", "dangling_child", `${name(key)} lists child "${childId}", which is not a node of this tree`);
    }
    if (isLeafKind(node.kind) && (node.children ?? []).length > 0) {
      add(key, "error", "leaf_with_children", `${name(key)} is a ${node.kind} leaf and ends its branch, yet it has ${node.children.length} child(ren)`);
    }
    if (!isLeafKind(node.kind) && (node.children ?? []).length === 0) {
      add(key, "error", "no_outcome", `${name(key)} is a ${node.kind} without children: its path ends without an outcome`);
    }
    const count = (node.children ?? []).length;
    if (node.kind === "confirm" && count > 0 && count !== 2) {
      add(key, "error", "confirm_children", `${name(key)} is a confirm with ${count} child(ren); it needs exactly 2: "confirms" first, "declines" second`);
    }
  }

  for (const cycle of walk.cycles) {
    const closing = cycle[cycle.length - 2];
    const shown = cycle.length > 12 ? [...cycle.slice(0, 5).map(name), `… ${cycle.length - 10} more …`, ...cycle.slice(-5).map(name)] : cycle.map(name);
    add(closing, "error", "cycle", `Cycle: ${shown.join(" → ")}`);
  }

  for (const [childId, parentIds] of walk.parents) {
    if (parentIds.length < 2) continue;
    const listed = [...new Set(parentIds)].map(name).join(", ");
    const twice = new Set(parentIds).size < parentIds.length ? " (listed more than once)" : "";
    add(childId, "error", "multiple_parents", `${name(childId)} sits under ${listed}${twice}: a tree node has one parent; copy the subtree instead`);
  }

  if (doc.nodes[doc.rootId]) {
    for (const id of Object.keys(doc.nodes)) {
      if (!walk.reachable.has(id)) add(id, "warning", "unreachable", `${name(id)} cannot be reached from the root ${name(doc.rootId)}`);
    }
  }
  return issues;
}
