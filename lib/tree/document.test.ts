import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { formatPath, parseTreeDoc, serializeTreeDoc } from "./document";
import { fixtureTree } from "./fixtures";
import type { TreeIssue } from "./schema";

function issuesOf(json: unknown): TreeIssue[] {
  try {
    parseTreeDoc(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe("invalid");
    return (e as DomainError).details as TreeIssue[];
  }
  throw new Error("expected parseTreeDoc to throw");
}

describe("parseTreeDoc", () => {
  it("accepts a valid document and fills defaults", () => {
    const doc = parseTreeDoc({ rootId: "r", nodes: { r: { id: "r", kind: "execute", label: "Done" } } });
    expect(doc).toEqual({ version: 1, rootId: "r", nodes: { r: { id: "r", kind: "execute", label: "Done", children: [] } } });
  });

  it("reports every shape error with its path and node", () => {
    const issues = issuesOf({ rootId: "a", nodes: { a: { id: "a", kind: "nope", label: 3, children: ["b", 4] }, "b c": { id: "b c" } } });
    expect(issues.map((i) => i.message.split(":")[0])).toEqual([
      "nodes.a.kind",
      "nodes.a.label",
      "nodes.a.children[1]",
      'nodes["b c"].id',
      'nodes["b c"].kind',
      'nodes["b c"].label',
    ]);
    expect(issues.map((i) => i.nodeId)).toEqual(["a", "a", "a", "b c", "b c", "b c"]);
    expect(issuesOf(null)).toEqual([{ nodeId: null, severity: "error", code: "schema", message: "(document): Invalid input: expected object, received null" }]);
  });

  it("checks the root, child references and ids against their keys", () => {
    const issues = issuesOf({
      rootId: "start",
      nodes: { a: { id: "a", kind: "decision", label: "A", children: ["b", "ghost"] }, b: { id: "B", kind: "execute", label: "B" } },
    });
    expect(issues.map((i) => [i.code, i.nodeId])).toEqual([
      ["missing_root", null],
      ["dangling_child", "a"],
      ["id_mismatch", "b"],
    ]);
    expect(issues[1].message).toBe('nodes.a.children[1]: "ghost" is not a node of this tree');
  });

  it("says how many more problems there are in the error message", () => {
    expect(() => parseTreeDoc({ rootId: "x", nodes: { a: { id: "b", kind: "execute", label: "" } } })).toThrow(/\(and 1 more\)/);
  });
});

describe("serializeTreeDoc", () => {
  it("round-trips our own format losslessly", () => {
    const text = serializeTreeDoc(fixtureTree);
    expect(parseTreeDoc(JSON.parse(text))).toEqual(fixtureTree);
    expect(serializeTreeDoc(parseTreeDoc(JSON.parse(text)))).toBe(text);
  });

  it("writes nodes in pre-order and fields in a fixed order, whatever order they came in", () => {
    const shuffled = {
      nodes: {
        leaf: { children: [], label: "Leaf", kind: "execute", id: "leaf", guard: "true" },
        orphan: { label: "Orphan", id: "orphan", kind: "abort" },
        root: { children: ["leaf"], kind: "decision", id: "root", label: "Root" },
      },
      rootId: "root",
    };
    const text = serializeTreeDoc(parseTreeDoc(shuffled));
    expect(Object.keys(JSON.parse(text))).toEqual(["version", "rootId", "nodes"]);
    expect(Object.keys(JSON.parse(text).nodes)).toEqual(["root", "leaf", "orphan"]);
    expect(Object.keys(JSON.parse(text).nodes.leaf)).toEqual(["id", "kind", "label", "guard", "children"]);
  });

  it("is safe on a cyclic document", () => {
    const doc = parseTreeDoc({ rootId: "a", nodes: { a: { id: "a", kind: "decision", label: "A", children: ["a"] } } });
    expect(JSON.parse(serializeTreeDoc(doc)).nodes.a.children).toEqual(["a"]);
  });
});

describe("formatPath", () => {
  it("writes paths as a reader would", () => {
    expect(formatPath(["nodes", "n1", "children", 2])).toBe("nodes.n1.children[2]");
    expect(formatPath([])).toBe("(document)");
  });
});
