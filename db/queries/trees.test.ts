import { describe, expect, it, beforeEach } from "vitest";
import { openDb, type Db } from "../client";
import { insertDomain } from "./domains";
import { createTree, getRevision, getTree, listRevisions, restoreRevision, saveTreeRevision } from "./trees";
import { DomainError } from "@/lib/errors";
import type { TreeDoc } from "@/lib/tree/schema";

const doc = (label: string): TreeDoc => ({ version: 1, rootId: "root", nodes: { root: { id: "root", kind: "decision", label, children: [] } } });

describe("tree revisions", () => {
  let db: Db;
  let treeId: number;
  beforeEach(() => {
    db = openDb(":memory:");
    const d = insertDomain({ db, spec: { slug: "d", name: "D", description: "", policy: "", tools: [], userFacts: [], db: {} } });
    treeId = createTree({ db, domainId: d.id, name: "T", document: doc("v1") }).id;
  });

  it("saves a new revision when the base revision is current, and keeps every revision", () => {
    expect(saveTreeRevision({ db, id: treeId, baseRevision: 1, document: doc("v2") })).toEqual({ revision: 2 });
    expect(saveTreeRevision({ db, id: treeId, baseRevision: 2, document: doc("v3"), message: "third" })).toEqual({ revision: 3 });
    expect(getTree({ db, id: treeId }).document.nodes.root.label).toBe("v3");
    expect(listRevisions({ db, treeId }).map((r) => r.revision)).toEqual([3, 2, 1]);
    expect(getRevision({ db, treeId, revision: 2 }).document.nodes.root.label).toBe("v2");
  });

  it("rejects a stale save with a conflict that names the current revision, and keeps the newer document", () => {
    saveTreeRevision({ db, id: treeId, baseRevision: 1, document: doc("first writer") });
    let err: unknown;
    try {
      saveTreeRevision({ db, id: treeId, baseRevision: 1, document: doc("second writer") });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("conflict");
    expect((err as DomainError).details).toEqual({ currentRevision: 2 });
    expect(getTree({ db, id: treeId }).document.nodes.root.label).toBe("first writer");
  });

  it("restores an old revision as a new revision", () => {
    saveTreeRevision({ db, id: treeId, baseRevision: 1, document: doc("v2") });
    expect(restoreRevision({ db, treeId, revision: 1, baseRevision: 2 })).toEqual({ revision: 3 });
    expect(getTree({ db, id: treeId }).document.nodes.root.label).toBe("v1");
    expect(listRevisions({ db, treeId })[0].message).toBe("restored revision 1");
  });

  it("reports unknown trees and revisions as not found", () => {
    expect(() => getTree({ db, id: 999 })).toThrow(/No tree with id 999/);
    expect(() => getRevision({ db, treeId, revision: 9 })).toThrow(/has no revision 9/);
  });
});
