import { DomainError } from "@/lib/errors";
import { TreeDoc, type TreeIssue, type TreeNode } from "./schema";

/**
 * The gate for tree documents that come from outside (API bodies, files, the CLI): shape
 * errors and broken references are reported together, each addressed by path and node, so a
 * curator can fix them in one pass.
 */

/** `nodes.n1.children[2]`, `nodes["a b"].kind`: a zod path as a reader would write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out || "(document)";
}

function referenceIssues(doc: TreeDoc): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const error = (nodeId: string | null, code: string, message: string) =>
    issues.push({ nodeId, severity: "error", code, message });
  if (!doc.nodes[doc.rootId]) error(null, "missing_root", `rootId: "${doc.rootId}" is not a node of this tree`);
  for (const [key, node] of Object.entries(doc.nodes)) {
    if (node.id !== key) error(key, "id_mismatch", `${formatPath(["nodes", key, "id"])}: is "${node.id}" but the node is stored under "${key}"`);
    node.children.forEach((childId, i) => {
      if (!doc.nodes[childId]) {
        error(key, "dangling_child", `${formatPath(["nodes", key, "children", i])}: "${childId}" is not a node of this tree`);
      }
    });
  }
  return issues;
}

/** Parses and checks a tree document; throws DomainError("invalid", …, TreeIssue[]). */
export function parseTreeDoc(json: unknown): TreeDoc {
  const parsed = TreeDoc.safeParse(json);
  const issues: TreeIssue[] = parsed.success
    ? referenceIssues(parsed.data)
    : parsed.error.issues.map((issue) => ({
        nodeId: issue.path[0] === "nodes" && typeof issue.path[1] === "string" ? issue.path[1] : null,
        severity: "error" as const,
        code: "schema",
        message: `${formatPath(issue.path)}: ${issue.message}`,
      }));
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
    throw new DomainError("invalid", `Invalid tree: ${issues[0].message}${more}`, issues);
  }
  return parsed.data as TreeDoc;
}

/** Field order of a serialized node: what a reader wants first. */
const NODE_FIELDS = ["id", "kind", "label", "guard", "tool", "args", "saveAs", "missing", "reason", "children", "collapsed"] as const;

function orderedNode(node: TreeNode): TreeNode {
  const out: Record<string, unknown> = {};
  for (const field of NODE_FIELDS) if (node[field] !== undefined) out[field] = node[field];
  return out as TreeNode;
}

/** Node ids in pre-order from the root (cycle-safe), then any unreachable ones in stored order. */
export function nodeOrder(doc: TreeDoc): string[] {
  const seen = new Set<string>();
  const order: string[] = [];
  const stack = [doc.rootId];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !doc.nodes[id]) continue;
    seen.add(id);
    order.push(id);
    stack.push(...[...doc.nodes[id].children].reverse());
  }
  for (const id of Object.keys(doc.nodes)) if (!seen.has(id)) order.push(id);
  return order;
}

/**
 * Stable JSON: fixed top-level and node field order, nodes in pre-order. The same document
 * always yields the same text (diffable revisions), and parseTreeDoc reads it back unchanged.
 */
export function serializeTreeDoc(doc: TreeDoc): string {
  const nodes: Record<string, TreeNode> = {};
  for (const id of nodeOrder(doc)) nodes[id] = orderedNode(doc.nodes[id]);
  return JSON.stringify({ version: doc.version ?? 1, rootId: doc.rootId, nodes }, null, 2);
}
