import { enumerateBranches } from "@/lib/tree/branches";
import type { TreeDoc } from "@/lib/tree/schema";

/**
 * A tree's workflow, read back: the labels of the tool calls on its
 * first branch that ends in execute, with every confirmation given. Prefills the expand dialog.
 */
export function happyPathSteps(doc: TreeDoc): string[] {
  let branches;
  try {
    branches = enumerateBranches(doc, 5_000);
  } catch {
    return [];
  }
  const happy = branches.find((b) => b.outcome === "execute" && b.confirmations.every((c) => c.confirmed));
  if (!happy) return [];
  return happy.nodeIds.filter((id) => doc.nodes[id].kind === "tool_call").map((id) => doc.nodes[id].label.trim()).filter(Boolean);
}
