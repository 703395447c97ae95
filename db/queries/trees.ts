import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { domains, treeRevisions, trees } from "../schema";
import { DomainError } from "@/lib/errors";
import type { TreeDoc } from "@/lib/tree/schema";

export type TreeRow = typeof trees.$inferSelect;

export function getTree({ db, id }: { db: Db; id: number }) {
  const row = db
    .select({ tree: trees, domainSlug: domains.slug })
    .from(trees)
    .innerJoin(domains, eq(domains.id, trees.domainId))
    .where(eq(trees.id, id))
    .get();
  if (!row) throw new DomainError("not_found", `No tree with id ${id}.`);
  return { ...row.tree, domainSlug: row.domainSlug };
}

export function createTree({ db, domainId, name, document }: { db: Db; domainId: number; name: string; document: TreeDoc }): TreeRow {
  return db.transaction((tx) => {
    const tree = tx.insert(trees).values({ domainId, name, document, revision: 1 }).returning().get();
    tx.insert(treeRevisions).values({ treeId: tree.id, revision: 1, document, message: "created" }).run();
    return tree;
  });
}

/**
 * Saves a new revision if `baseRevision` is still the current one. A stale save is a conflict,
 * never a silent overwrite: the compare-and-set runs inside one transaction.
 */
export function saveTreeRevision({
  db,
  id,
  baseRevision,
  document,
  message = "",
}: {
  db: Db;
  id: number;
  baseRevision: number;
  document: TreeDoc;
  message?: string;
}): { revision: number } {
  return db.transaction((tx) => {
    const current = tx.select({ revision: trees.revision }).from(trees).where(eq(trees.id, id)).get();
    if (!current) throw new DomainError("not_found", `No tree with id ${id}.`);
    if (current.revision !== baseRevision) {
      throw new DomainError(
        "conflict",
        `This tree was saved elsewhere as revision ${current.revision} after you opened revision ${baseRevision}; your edits were not saved.`,
        { currentRevision: current.revision },
      );
    }
    const revision = baseRevision + 1;
    tx.update(trees)
      .set({ document, revision, updatedAt: new Date().toISOString() })
      .where(and(eq(trees.id, id), eq(trees.revision, baseRevision)))
      .run();
    tx.insert(treeRevisions).values({ treeId: id, revision, document, message }).run();
    return { revision };
  });
}

export function renameTree({ db, id, name }: { db: Db; id: number; name: string }) {
  const res = db.update(trees).set({ name }).where(eq(trees.id, id)).run();
  if (res.changes === 0) throw new DomainError("not_found", `No tree with id ${id}.`);
}

export function listRevisions({ db, treeId }: { db: Db; treeId: number }) {
  return db
    .select({ revision: treeRevisions.revision, message: treeRevisions.message, createdAt: treeRevisions.createdAt })
    .from(treeRevisions)
    .where(eq(treeRevisions.treeId, treeId))
    .orderBy(desc(treeRevisions.revision))
    .all();
}

export function getRevision({ db, treeId, revision }: { db: Db; treeId: number; revision: number }) {
  const row = db
    .select({ revision: treeRevisions.revision, document: treeRevisions.document, message: treeRevisions.message })
    .from(treeRevisions)
    .where(and(eq(treeRevisions.treeId, treeId), eq(treeRevisions.revision, revision)))
    .get();
  if (!row) throw new DomainError("not_found", `Tree ${treeId} has no revision ${revision}.`);
  return row;
}

/** Restoring writes the old document as a new revision, so history only ever grows. */
export function restoreRevision({ db, treeId, revision, baseRevision }: { db: Db; treeId: number; revision: number; baseRevision: number }) {
  const old = getRevision({ db, treeId, revision });
  return saveTreeRevision({ db, id: treeId, baseRevision, document: old.document, message: `restored revision ${revision}` });
}
