import type { TreeIssue } from "@/lib/tree/schema";

/** Issues shown inline under the field they are about. */
export function FieldIssues({ issues }: { issues: TreeIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-issues">
      {issues.map((i, n) => (
        <li key={n} className={i.severity}>{i.message}</li>
      ))}
    </ul>
  );
}

const GUARD_CODES = new Set(["root_guard", "confirm_guard_ignored"]);
const TOOL_CODES = new Set(["missing_tool", "unknown_tool"]);
const BINDING_CODES = new Set(["unknown_parameter", "binding_syntax", "binding_mismatch", "missing_parameter"]);

/** Splits a node's issues by the field they belong to; the rest are about the node as a whole. */
export function groupIssues(issues: TreeIssue[]) {
  const guard: TreeIssue[] = [];
  const tool: TreeIssue[] = [];
  const bindings: TreeIssue[] = [];
  const other: TreeIssue[] = [];
  for (const i of issues) {
    if (i.code.startsWith("guard_") || GUARD_CODES.has(i.code)) guard.push(i);
    else if (TOOL_CODES.has(i.code)) tool.push(i);
    else if (BINDING_CODES.has(i.code)) bindings.push(i);
    else other.push(i);
  }
  return { guard, tool, bindings, other };
}

/** Binding issues about one parameter (the messages name it). */
export function issuesForParam(issues: TreeIssue[], param: string): TreeIssue[] {
  return issues.filter((i) => i.message.includes(`argument ${param} `) || i.message.includes(`"${param}"`));
}
