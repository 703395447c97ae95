import type { Db } from "@/db/client";
import { getDomainBySlug, toSpec } from "@/db/queries/domains";
import { getRevision, getTree } from "@/db/queries/trees";
import type { DomainSpec } from "@/lib/domain/schema";
import { DomainError } from "@/lib/errors";
import { enumerateBranches } from "@/lib/tree/branches";
import type { Branch, TreeDoc } from "@/lib/tree/schema";

export interface GenerationContext {
  domainId: number;
  domain: DomainSpec;
  treeId: number;
  treeName: string;
  revision: number;
  doc: TreeDoc;
  branches: Branch[];
  branchById: Map<string, Branch>;
}

// Revisions never change once saved, so a job's items share one parsed tree and branch list.
const revisions = new Map<string, { doc: TreeDoc; branches: Branch[] }>();

/**
 * The domain and tree a generation works on; `revision` pins an older saved revision (a job's
 * items were planned against one). The tree must belong to the domain.
 */
export function loadGenerationContext(db: Db, { domainSlug, treeId }: { domainSlug: string; treeId: number }, revision?: number): GenerationContext {
  const domainRow = getDomainBySlug({ db, slug: domainSlug });
  const tree = getTree({ db, id: treeId });
  if (tree.domainId !== domainRow.id) throw new DomainError("invalid", `Tree ${treeId} ("${tree.name}") belongs to domain "${tree.domainSlug}", not "${domainSlug}".`);
  const rev = revision ?? tree.revision;
  const key = `${treeId}@${rev}`;
  let parsed = revisions.get(key);
  if (!parsed) {
    const doc = rev === tree.revision ? tree.document : getRevision({ db, treeId, revision: rev }).document;
    parsed = { doc, branches: enumerateBranches(doc) };
    if (revisions.size > 50) revisions.clear();
    revisions.set(key, parsed);
  }
  return {
    domainId: domainRow.id,
    domain: toSpec(domainRow),
    treeId,
    treeName: tree.name,
    revision: rev,
    doc: parsed.doc,
    branches: parsed.branches,
    branchById: new Map(parsed.branches.map((b) => [b.id, b])),
  };
}
