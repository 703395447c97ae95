import { describe, expect, it } from "vitest";
import { DomainSpec } from "@/lib/domain/schema";
import { retailDomain, retailTrees } from "@/lib/domain/examples/retail";
import { fixtureDomain, fixtureTree } from "./fixtures";
import type { TreeDoc, TreeIssue, TreeNode } from "./schema";
import { validateTree } from "./validate";

type NodeSpec = Pick<TreeNode, "id" | "kind"> & Partial<TreeNode>;

/** A document from node specs; the first is the root unless `rootId` says otherwise. */
function tree(specs: NodeSpec[], rootId = specs[0].id): TreeDoc {
  const nodes: Record<string, TreeNode> = {};
  for (const s of specs) nodes[s.id] = { label: s.id, children: [], ...s };
  return { version: 1, rootId, nodes };
}

/** The fixture tree with some nodes changed or added. */
function fixtureWith(...changes: NodeSpec[]): TreeDoc {
  const doc = structuredClone(fixtureTree);
  for (const c of changes) doc.nodes[c.id] = { ...(doc.nodes[c.id] ?? { label: c.id, children: [] }), ...c };
  return doc;
}

const codes = (issues: TreeIssue[]) => issues.map((i) => `${i.code}@${i.nodeId}`).sort();
const only = (issues: TreeIssue[], code: string) => issues.filter((i) => i.code === code);

describe("validateTree: fixtures", () => {
  it("finds nothing wrong with the fixture tree and the example retail trees", () => {
    expect(DomainSpec.safeParse(fixtureDomain).success).toBe(true);
    expect(validateTree(fixtureTree, fixtureDomain)).toEqual([]);
    expect(validateTree(fixtureTree)).toEqual([]);
    for (const { doc } of retailTrees) expect(validateTree(doc, retailDomain)).toEqual([]);
  });
});

describe("validateTree: structure", () => {
  it("reports a missing root", () => {
    const issues = validateTree(tree([{ id: "a", kind: "execute" }], "nope"));
    expect(codes(issues)).toEqual(["missing_root@null"]);
    expect(issues[0].message).toContain('"nope"');
  });

  it("reports dangling children and ids that do not match their key", () => {
    const doc = tree([{ id: "root", kind: "decision", children: ["ghost", "x"] }, { id: "x", kind: "execute" }]);
    doc.nodes.x = { ...doc.nodes.x, id: "y" };
    const issues = validateTree(doc);
    expect(codes(issues)).toEqual(["dangling_child@root", "id_mismatch@x"]);
    expect(only(issues, "dangling_child")[0].message).toContain('"ghost"');
  });

  it("names each cycle and terminates on cyclic input", () => {
    const doc = tree([
      { id: "root", kind: "decision", children: ["a"] },
      { id: "a", kind: "decision", label: "Check order", children: ["b"] },
      { id: "b", kind: "decision", label: "Check again", children: ["a", "self"] },
      { id: "self", kind: "decision", children: ["self"] },
    ]);
    const cycles = only(validateTree(doc), "cycle");
    expect(cycles.map((c) => c.nodeId).sort()).toEqual(["b", "self"]);
    expect(cycles.find((c) => c.nodeId === "b")!.message).toBe('Cycle: "Check order" (a) → "Check again" (b) → "Check order" (a)');
    expect(codes(validateTree(doc))).toContain("multiple_parents@a");
  });

  it("finds cycles among unreachable nodes too", () => {
    const doc = tree([
      { id: "root", kind: "execute" },
      { id: "p", kind: "decision", children: ["q"] },
      { id: "q", kind: "decision", children: ["p"] },
    ]);
    expect(codes(validateTree(doc))).toEqual(["cycle@q", "unreachable@p", "unreachable@q"]);
  });

  it("reports unreachable nodes as warnings", () => {
    const doc = tree([{ id: "root", kind: "decision", children: ["a"] }, { id: "a", kind: "execute" }, { id: "orphan", kind: "refuse", reason: "r" }]);
    const issues = validateTree(doc);
    expect(codes(issues)).toEqual(["unreachable@orphan"]);
    expect(issues[0].severity).toBe("warning");
  });

  it("rejects a node under two parents (a DAG is not a tree)", () => {
    const doc = tree([
      { id: "root", kind: "decision", children: ["a", "b"] },
      { id: "a", kind: "decision", guard: "true", children: ["shared"] },
      { id: "b", kind: "decision", children: ["shared"] },
      { id: "shared", kind: "execute", label: "Done" },
    ]);
    const [issue] = only(validateTree(doc), "multiple_parents");
    expect(issue).toMatchObject({ nodeId: "shared", severity: "error" });
    expect(issue.message).toContain("(a)");
    expect(issue.message).toContain("(b)");
  });

  it("requires an outcome below every inner node and none below leaves", () => {
    const doc = tree([
      { id: "root", kind: "decision", children: ["t", "leaf"] },
      { id: "t", kind: "tool_call", tool: "x", guard: "true" },
      { id: "leaf", kind: "execute", children: ["after"] },
      { id: "after", kind: "abort", reason: "r" },
    ]);
    expect(codes(validateTree(doc))).toEqual(["leaf_with_children@leaf", "no_outcome@t"]);
  });

  it("requires exactly two children under a confirm", () => {
    const doc = tree([
      { id: "root", kind: "decision", children: ["one", "three"] },
      { id: "one", kind: "confirm", guard: "true", children: ["y1"] },
      { id: "three", kind: "confirm", children: ["y2", "n2", "m2"] },
      { id: "y1", kind: "execute" },
      { id: "y2", kind: "execute" },
      { id: "n2", kind: "abort", reason: "r" },
      { id: "m2", kind: "abort", reason: "r" },
    ]);
    expect(codes(validateTree(doc))).toEqual(["confirm_children@one", "confirm_children@three"]);
  });
});

describe("validateTree: siblings", () => {
  it("warns when an unguarded child shadows the siblings after it", () => {
    const doc = tree([
      { id: "root", kind: "decision", children: ["else", "a", "b"] },
      { id: "else", kind: "execute", label: "Anything" },
      { id: "a", kind: "refuse", guard: "true", reason: "r" },
      { id: "b", kind: "refuse", reason: "r" },
    ]);
    const issues = validateTree(doc);
    expect(codes(issues)).toEqual(["unguarded_shadows@else"]);
    expect(issues[0].message).toContain('"a" (a), "b" (b) after it can never be taken');
  });

  it("warns about repeated sibling labels, guards under a confirm and a guard on the root", () => {
    const doc = tree([
      { id: "root", kind: "decision", guard: "true", children: ["a", "b", "c"] },
      { id: "a", kind: "execute", label: "Same", guard: "true" },
      { id: "b", kind: "execute", label: " same ", guard: "false" },
      { id: "c", kind: "confirm", children: ["y", "n"] },
      { id: "y", kind: "execute", guard: "true" },
      { id: "n", kind: "abort", reason: "r" },
    ]);
    const issues = validateTree(doc);
    expect(codes(issues)).toEqual(["confirm_guard_ignored@y", "duplicate_label@b", "root_guard@root"]);
    expect(issues.every((i) => i.severity === "warning")).toBe(true);
  });
});

describe("validateTree: leaves", () => {
  it("warns on clarify without missing facts or with unknown ones, and refuse without reason", () => {
    const doc = fixtureWith(
      { id: "ask-order", kind: "clarify", missing: [] },
      { id: "ask-reason", kind: "clarify", missing: ["reason", "shoe_size"] },
      { id: "not-pending", kind: "refuse", reason: " " },
    );
    const issues = validateTree(doc, fixtureDomain);
    expect(codes(issues)).toEqual(["clarify_missing@ask-order", "refuse_reason@not-pending", "unknown_fact@ask-reason"]);
    expect(only(issues, "unknown_fact")[0].message).toContain('"shoe_size"');
    expect(issues.every((i) => i.severity === "warning")).toBe(true);
    // Without a domain, facts cannot be judged.
    expect(codes(validateTree(doc))).toEqual(["clarify_missing@ask-order", "refuse_reason@not-pending"]);
  });
});

describe("validateTree: tools and bindings", () => {
  it("requires a tool, and one of the domain", () => {
    const issues = validateTree(fixtureWith({ id: "lookup", kind: "tool_call", tool: undefined }), fixtureDomain);
    expect(codes(issues).filter((c) => c.startsWith("missing_tool"))).toEqual(["missing_tool@lookup"]);
    const unknown = validateTree(fixtureWith({ id: "lookup", kind: "tool_call", tool: "get_orders" }), fixtureDomain);
    expect(codes(unknown)).toContain("unknown_tool@lookup");
    expect(only(unknown, "unknown_tool")[0].message).toContain("get_order, list_orders, cancel_order, transfer_to_human");
  });

  it("checks bindings against the tool's parameters", () => {
    const issues = validateTree(fixtureWith({ id: "cancel", kind: "tool_call", args: { order: "user.order_id" } }), fixtureDomain);
    expect(codes(issues)).toEqual(["missing_parameter@cancel", "missing_parameter@cancel", "unknown_parameter@cancel"]);
    expect(only(issues, "unknown_parameter")[0].message).toContain('no parameter "order" (parameters: order_id, reason)');
    expect(only(issues, "missing_parameter").map((i) => i.message).join(" ")).toMatch(/"order_id".*"reason"/);
  });

  it("reports bindings that do not parse, do not type-check or do not fit the parameter", () => {
    const bad = (args: Record<string, string>) => validateTree(fixtureWith({ id: "cancel", kind: "tool_call", args }), fixtureDomain);
    expect(codes(bad({ order_id: "user.order_id ==", reason: "user.reason" }))).toEqual(["binding_syntax@cancel"]);
    expect(codes(bad({ order_id: "user.orderid", reason: "user.reason" }))).toEqual(["binding_type@cancel"]);
    expect(codes(bad({ order_id: " ", reason: "user.reason" }))).toEqual(["binding_syntax@cancel"]);
    const mismatch = bad({ order_id: "user.quantity", reason: "user.reason" });
    expect(codes(mismatch)).toEqual(["binding_mismatch@cancel"]);
    expect(mismatch[0].message).toContain("expects string, but `user.quantity` is double");
    const notInEnum = bad({ order_id: "user.order_id", reason: '"because"' });
    expect(codes(notInEnum)).toEqual(["binding_mismatch@cancel"]);
    expect(notInEnum[0].message).toContain('"no longer needed", "ordered by mistake"');
    // Outputs of earlier calls and literals that fit are fine.
    expect(bad({ order_id: "outputs.get_order.order_id", reason: '"ordered by mistake"' })).toEqual([]);
  });
});

describe("validateTree: guards", () => {
  const guarded = (guard: string) => validateTree(fixtureWith({ id: "dispute", kind: "transfer", guard }), fixtureDomain);

  it("reports guards that do not parse", () => {
    const issues = guarded("user.order_id ==");
    expect(codes(issues)).toEqual(["guard_syntax@dispute"]);
    expect(issues[0].message).toContain('"Customer disputes a charge" (dispute)');
  });

  it("reports guards that do not type-check or are not bool", () => {
    expect(codes(guarded("user.order_id > 3"))).toEqual(["guard_type@dispute"]);
    expect(codes(guarded("state.nope.x == 1"))).toEqual(["guard_type@dispute"]);
    expect(codes(guarded("has(user.shoe_size)"))).toEqual(["guard_type@dispute"]);
    const notBool = guarded("user.order_id");
    expect(codes(notBool)).toEqual(["guard_type@dispute"]);
    expect(notBool[0].message).toContain("is string, not bool");
  });

  it("sees only the outputs of tool calls earlier on the node's own path", () => {
    // `cancellation` is saved under the confirm branch; the sibling refuse cannot see it.
    const issues = validateTree(fixtureWith({ id: "not-pending", kind: "refuse", guard: "has(outputs.cancellation.error)" }), fixtureDomain);
    expect(codes(issues)).toEqual(["guard_type@not-pending"]);
    expect(issues[0].message).toContain("on this path");
    // The lookup's own guard runs before the lookup: its output is not visible yet.
    expect(codes(validateTree(fixtureWith({ id: "lookup", kind: "tool_call", guard: 'outputs.get_order.status == "x"' }), fixtureDomain))).toEqual([
      "guard_type@lookup",
    ]);
  });

  it("without a domain, catches only syntax and unknown variables", () => {
    const doc = fixtureWith({ id: "dispute", kind: "transfer", guard: "user.order_id > 3 && order.x" });
    expect(codes(validateTree(doc))).toEqual(["guard_type@dispute"]);
    expect(validateTree(doc)[0].message).toContain("Unknown variable: order");
    expect(validateTree(fixtureWith({ id: "dispute", kind: "transfer", guard: "user.order_id > 3" }))).toEqual([]);
  });
});

describe("validateTree: deep documents", () => {
  it("reports a long cycle in a short message", () => {
    const specs: NodeSpec[] = Array.from({ length: 3000 }, (_, i) => ({ id: `n${i}`, kind: "decision" as const, children: [`n${(i + 1) % 3000}`] }));
    const issues = validateTree(tree(specs));
    expect(codes(issues)).toEqual(["cycle@n2999"]);
    expect(issues[0].message).toMatch(/^Cycle: "n0" \(n0\) → .* → … 2991 more … → .* → "n0" \(n0\)$/);
    expect(issues[0].message.length).toBeLessThan(300);
  });
});
