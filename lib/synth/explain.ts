import { guardHolds } from "@/lib/cel";
import type { DomainSpec } from "@/lib/domain/schema";
import type { TreeDoc } from "@/lib/tree/schema";
import { exprRefs } from "./refs";
import type { BranchPath } from "./search";
import type { PathTrace } from "./trace";

/** Why a branch cannot be reached, in words that name the node and the guard. */

/**
 * A guard that reads no facts, outputs or state cannot be changed by any search: if one blocks
 * the branch (on it and false, or on an earlier sibling and true), say so at once.
 */
export function constantBlock(doc: TreeDoc, branch: BranchPath): string | null {
  const isConstant = (guard: string) => {
    const refs = exprRefs(guard);
    return !refs.userFacts.length && !refs.outputs.length && !refs.state.length && !/\b(user|outputs|state)\b/.test(guard.replace(/"[^"]*"|'[^']*'/g, ""));
  };
  const value = (guard: string) => {
    try {
      return guardHolds(guard, { user: {}, outputs: {}, state: {} });
    } catch {
      return false;
    }
  };
  for (let i = 0; i + 1 < branch.nodeIds.length; i++) {
    const parent = doc.nodes[branch.nodeIds[i]];
    if (!parent || parent.kind === "confirm") continue;
    for (const childId of parent.children ?? []) {
      const guard = doc.nodes[childId]?.guard;
      const onPath = childId === branch.nodeIds[i + 1];
      if (guard && isConstant(guard) && value(guard) !== onPath)
        return onPath
          ? `guard \`${guard}\` at node ${nodeRef(doc, childId)} never holds: it reads no user facts, outputs or state`
          : `guard \`${guard}\` of the earlier sibling ${nodeRef(doc, childId)} always holds (it reads no user facts, outputs or state), so ${nodeRef(doc, branch.nodeIds[i + 1])} is never reached`;
      if (onPath) break;
    }
  }
  return null;
}

/** A call node on the branch whose tool the domain does not have: no data can get past it. */
export function missingTool(doc: TreeDoc, branch: BranchPath, domain: Pick<DomainSpec, "tools">): string | null {
  for (const id of branch.nodeIds) {
    const node = doc.nodes[id];
    if (node?.kind !== "tool_call") continue;
    if (!node.tool) return `node ${nodeRef(doc, id)} is a tool call that names no tool`;
    if (!domain.tools.some((t) => t.name === node.tool)) return `node ${nodeRef(doc, id)} calls ${node.tool}, which is not a tool of this domain`;
  }
  return null;
}

/** `n7 (Order over limit)`. */
export const nodeRef = (doc: TreeDoc, id: string) => (doc.nodes[id]?.label ? `${id} (${doc.nodes[id].label})` : id);

/** The deepest attempt's stopping point, in words. */
export function explainMiss(doc: TreeDoc, trace: PathTrace, tries: number, declaredFacts: string[] = []): string {
  const where = trace.divergence;
  if (!where) {
    const failed = trace.failedWrites[0];
    if (failed) return `tool ${failed.tool} at node ${nodeRef(doc, failed.nodeId)} failed in every attempt: ${failed.error} (${tries} tries)`;
    return `no attempt completed the branch (${tries} tries)`;
  }
  if (where.problem) return `at node ${nodeRef(doc, where.nodeId)}: ${where.problem}, in every attempt (${tries} tries)`;
  const wanted = where.misses.find((m) => m.shouldHold);
  const undeclared = (guard: string) => {
    const missing = exprRefs(guard).userFacts.filter((f) => !declaredFacts.includes(f));
    return missing.length ? ` (${missing.join(", ")} ${missing.length > 1 ? "are not user facts" : "is not a user fact"} of the domain, so no case can give ${missing.length > 1 ? "them" : "it"})` : "";
  };
  if (wanted) return `guard \`${wanted.guard}\` at node ${nodeRef(doc, wanted.nodeId)}: no candidate satisfied it in ${tries} tries${undeclared(wanted.guard)}`;
  const earlier = where.misses[0];
  return `guard \`${earlier.guard}\` of the earlier sibling ${nodeRef(doc, earlier.nodeId)} held in every attempt, so ${nodeRef(doc, where.wantedId ?? "?")} is never reached (${tries} tries)${undeclared(earlier.guard)}`;
}
