import path from "node:path";
import type { Db } from "../client";
import { getDomainBySlug } from "./domains";
import { insertCases } from "./cases";
import { createTree } from "./trees";
import { DomainError } from "@/lib/errors";
import { importPaperFile } from "@/lib/import";
import { importReferenceTree, isReferenceTree } from "@/lib/tree/reference";
import { parseTreeDoc } from "@/lib/tree/document";

export type ImportResult = {
  kind: "paper-records" | "policy-tree" | "tree";
  records: number;
  imported: number;
  rejected: { index: number; reason: string }[];
  warnings?: string[];
  batch?: string;
  treeId?: number;
};

function tryJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * Imports a file, detecting what it holds: the paper's records (JSON array or JSONL), the
 * paper's policy tree, or a tree in our own format (the last two need a domain).
 */
export function importFile({ db, text, fileName, domainSlug }: { db: Db; text: string; fileName: string; domainSlug?: string }): ImportResult {
  const parsed = tryJson(text);
  const single = parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value) ? parsed.value : null;
  if (single && (isReferenceTree(single) || "rootId" in single)) {
    if (!domainSlug) throw new DomainError("invalid", "This file holds a behavior tree; name the domain to import it into (--domain <slug>).");
    const domain = getDomainBySlug({ db, slug: domainSlug });
    const { doc, warnings } = isReferenceTree(single) ? importReferenceTree(single) : { doc: parseTreeDoc(single), warnings: [] as string[] };
    const name = path.basename(fileName).replace(/\.[^.]+$/, "") || "Imported tree";
    const tree = createTree({ db, domainId: domain.id, name, document: doc });
    return { kind: isReferenceTree(single) ? "policy-tree" : "tree", records: 1, imported: 1, rejected: [], warnings, treeId: tree.id };
  }
  const result = importPaperFile(text);
  const batch = `${path.basename(fileName)}@${new Date().toISOString()}`;
  insertCases({
    db,
    items: result.imported.map((r) => ({ domainId: null, treeId: null, treeRevision: null, testCase: r.case, source: "import" as const, generator: "paper-import", importBatch: batch })),
  });
  return { kind: "paper-records", records: result.records, imported: result.imported.length, rejected: result.rejected, batch };
}
