import { NodeId, type NodeKind, type TreeDoc, type TreeNode } from "@/lib/tree/schema";
import { slug } from "./words";

/**
 * Expanders build trees nested (a parent holds its children), which is how a model writes JSON
 * and how a reader follows a branch; `toTreeDoc` turns one into the studio's flat TreeDoc. Ids
 * are optional: a node without one gets a readable slug of its label, made unique.
 */
export type NestedNode = {
  id?: string;
  kind: NodeKind;
  label: string;
  guard?: string;
  tool?: string;
  args?: Record<string, string>;
  saveAs?: string;
  missing?: string[];
  reason?: string;
  children?: NestedNode[];
};

const FIELDS = ["guard", "tool", "args", "saveAs", "missing", "reason"] as const;

/** The flat document of a nested tree; ids that are missing, malformed or repeated are replaced. */
export function toTreeDoc(root: NestedNode, reserved: Iterable<string> = []): TreeDoc {
  const taken = new Set(reserved);
  // Ids the input states are claimed first (the first use of each), so a slug never steals one.
  const keeps = new Set<NestedNode>();
  const claimStated = (n: NestedNode) => {
    if (n.id && NodeId.safeParse(n.id).success && !taken.has(n.id)) {
      taken.add(n.id);
      keeps.add(n);
    }
    (n.children ?? []).forEach(claimStated);
  };
  claimStated(root);
  const fresh = (label: string): string => {
    const base = slug(label);
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    return id;
  };
  const nodes: Record<string, TreeNode> = {};
  const visit = (n: NestedNode): string => {
    const id = keeps.has(n) ? n.id! : fresh(n.label);
    const node: TreeNode = { id, kind: n.kind, label: n.label, children: [] };
    for (const field of FIELDS) {
      const value = n[field];
      if (value === undefined || value === null || value === "") continue;
      (node as Record<string, unknown>)[field] = value;
    }
    nodes[id] = node;
    node.children = (n.children ?? []).map(visit);
    return id;
  };
  const rootId = visit(root);
  return { version: 1, rootId, nodes };
}

/** The nested form of a flat document (for prompts that show the current tree); cycle-safe. */
export function toNested(doc: TreeDoc): NestedNode | null {
  const seen = new Set<string>();
  const visit = (id: string): NestedNode | null => {
    const n = doc.nodes[id];
    if (!n || seen.has(id)) return null;
    seen.add(id);
    const out: NestedNode = { id, kind: n.kind, label: n.label };
    for (const field of FIELDS) if (n[field] !== undefined) (out as Record<string, unknown>)[field] = n[field];
    const children = n.children.map(visit).filter((c): c is NestedNode => c !== null);
    if (children.length) out.children = children;
    return out;
  };
  return visit(doc.rootId);
}
