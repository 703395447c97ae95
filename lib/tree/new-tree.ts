import type { TreeDoc } from "./schema";

/** A fresh tree: one root decision the curator grows from. */
export function newTreeDocument(label: string): TreeDoc {
  return {
    version: 1,
    rootId: "root",
    nodes: { root: { id: "root", kind: "decision", label: label || "New workflow", children: [] } },
  };
}
