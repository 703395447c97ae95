import { fitsSchemaType } from "./cel-types";
import type { GuardChecker } from "./guard-check";
import type { TreeDomainContext, VisibleOutput } from "./guard-types";
import { isLeafKind, type TreeDoc, type TreeIssue, type TreeNode } from "./schema";
import { nodeName, type TreeWalk } from "./walk";

type Issue = Omit<TreeIssue, "nodeId">;
const error = (code: string, message: string): Issue => ({ severity: "error", code, message });
const warning = (code: string, message: string): Issue => ({ severity: "warning", code, message });

/**
 * Outputs set before each reachable node runs: those of its tool_call ancestors, in path order.
 * Built parent-first in one pass (walk order is pre-order), sharing lists where nothing is added.
 */
export function visibleOutputsByNode(doc: TreeDoc, walk: TreeWalk): Map<string, VisibleOutput[]> {
  const visible = new Map<string, VisibleOutput[]>();
  for (const [id, parentId] of walk.treeParent) {
    const parent = parentId === null ? undefined : doc.nodes[parentId];
    const above = parentId === null ? [] : (visible.get(parentId) ?? []);
    if (parent?.kind !== "tool_call" || !parent.tool) {
      visible.set(id, above);
      continue;
    }
    // A later call under the same key replaces the earlier output, as at runtime.
    const key = parent.saveAs ?? parent.tool;
    visible.set(id, [...above.filter((v) => v.key !== key), { key, tool: parent.tool }]);
  }
  return visible;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function bindingIssues(node: TreeNode, tool: TreeDomainContext["tools"][number], visible: VisibleOutput[] | null, checker: GuardChecker): Issue[] {
  const issues: Issue[] = [];
  const who = nodeName(node);
  const properties = isObject(tool.parameters.properties) ? tool.parameters.properties : null;
  const required = Array.isArray(tool.parameters.required) ? (tool.parameters.required as string[]) : [];
  const args = node.args ?? {};
  for (const [param, expr] of Object.entries(args)) {
    const schema = properties?.[param];
    if (properties && !schema) {
      const known = Object.keys(properties).join(", ") || "none";
      issues.push(error("unknown_parameter", `${who}: ${tool.name} has no parameter "${param}" (parameters: ${known})`));
      continue;
    }
    if (!expr.trim()) {
      issues.push(error("binding_syntax", `${who}: argument ${param} of ${tool.name} is bound to an empty expression`));
      continue;
    }
    const result = checker.check(expr, visible);
    if (!result.valid) {
      const what = result.kind === "syntax" ? "does not parse" : "does not type-check";
      issues.push(error(`binding_${result.kind}`, `${who}: argument ${param} of ${tool.name} (\`${expr}\`) ${what}: ${result.message}`));
    } else if (!fitsSchemaType(result.type, schema)) {
      const expected = (schema as { type: string }).type;
      issues.push(error("binding_mismatch", `${who}: argument ${param} of ${tool.name} expects ${expected}, but \`${expr}\` is ${result.type}`));
    } else if (isObject(schema) && Array.isArray(schema.enum)) {
      const literal = checker.literal(expr);
      if (literal && !schema.enum.includes(literal.value)) {
        const allowed = schema.enum.map((v) => JSON.stringify(v)).join(", ");
        issues.push(error("binding_mismatch", `${who}: argument ${param} of ${tool.name} must be one of ${allowed}, not ${expr}`));
      }
    }
  }
  for (const param of required) {
    if (!(param in args)) issues.push(error("missing_parameter", `${who}: ${tool.name} requires "${param}", which is not bound`));
  }
  return issues;
}

function toolIssues(node: TreeNode, visible: VisibleOutput[] | null, checker: GuardChecker, domain?: TreeDomainContext): Issue[] {
  if (!node.tool?.trim()) return [error("missing_tool", `${nodeName(node)} is a tool_call without a tool`)];
  if (!domain) return [];
  const tool = domain.tools.find((t) => t.name === node.tool);
  if (!tool) {
    const names = domain.tools.map((t) => t.name).join(", ") || "none";
    return [error("unknown_tool", `${nodeName(node)} calls "${node.tool}", which is not a tool of this domain (tools: ${names})`)];
  }
  return bindingIssues(node, tool, visible, checker);
}

function guardIssues(node: TreeNode, visible: VisibleOutput[] | null, checker: GuardChecker): Issue[] {
  const guard = node.guard;
  if (!guard?.trim()) return [];
  const result = checker.check(guard, visible);
  if (!result.valid) {
    const what = result.kind === "syntax" ? "does not parse" : "does not type-check";
    return [error(`guard_${result.kind}`, `Guard of ${nodeName(node)} (\`${guard}\`) ${what}: ${result.message}`)];
  }
  if (result.type !== "bool" && result.type !== "dyn") {
    return [error("guard_type", `Guard of ${nodeName(node)} (\`${guard}\`) is ${result.type}, not bool: it never holds`)];
  }
  return [];
}

function leafIssues(node: TreeNode, domain?: TreeDomainContext): Issue[] {
  if (node.kind === "refuse" && !node.reason?.trim()) {
    return [warning("refuse_reason", `${nodeName(node)} refuses without a reason: say which policy rule applies`)];
  }
  if (node.kind !== "clarify") return [];
  const missing = node.missing ?? [];
  if (missing.length === 0) return [warning("clarify_missing", `${nodeName(node)} asks for clarification but names no missing fact`)];
  if (!domain) return [];
  const known = new Set(domain.userFacts.map((f) => f.name));
  return missing
    .filter((fact) => !known.has(fact))
    .map((fact) => warning("unknown_fact", `${nodeName(node)} asks for "${fact}", which is not a user fact of this domain`));
}

/** Issues of one node on its own: tool, bindings, guard, leaf fields. */
export function nodeIssues(node: TreeNode, visible: VisibleOutput[] | null, checker: GuardChecker, domain?: TreeDomainContext): TreeIssue[] {
  const issues = [
    ...(node.kind === "tool_call" ? toolIssues(node, visible, checker, domain) : []),
    ...guardIssues(node, visible, checker),
    ...leafIssues(node, domain),
  ];
  return issues.map((issue) => ({ nodeId: node.id, ...issue }));
}

/** Issues among a node's children: shadowing, ignored guards, repeated labels. */
export function siblingIssues(doc: TreeDoc, parent: TreeNode): TreeIssue[] {
  const issues: TreeIssue[] = [];
  if (isLeafKind(parent.kind)) return issues; // a leaf's children are an error of their own
  const children = (parent.children ?? []).map((id) => doc.nodes[id]).filter((n): n is TreeNode => !!n);
  children.forEach((child, i) => {
    const hasGuard = !!child.guard?.trim();
    if (parent.kind === "confirm" && hasGuard) {
      issues.push({ nodeId: child.id, ...warning("confirm_guard_ignored", `Guard of ${nodeName(child)} is ignored: under confirm ${nodeName(parent)} the user's answer picks the child`) });
    }
    if (parent.kind !== "confirm" && !hasGuard && i < children.length - 1) {
      const shadowed = children.slice(i + 1).map((c) => nodeName(c)).join(", ");
      issues.push({ nodeId: child.id, ...warning("unguarded_shadows", `${nodeName(child)} has no guard, so it always holds and ${shadowed} after it can never be taken; add a guard or move it last`) });
    }
    const label = child.label.trim().toLowerCase();
    const first = children.findIndex((c) => c.label.trim().toLowerCase() === label);
    if (label && first < i && children[first].id !== child.id) {
      issues.push({ nodeId: child.id, ...warning("duplicate_label", `${nodeName(child)} has the same label as its sibling ${nodeName(children[first])} under ${nodeName(parent)}`) });
    }
  });
  return issues;
}
