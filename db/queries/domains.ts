import { asc, eq } from "drizzle-orm";
import type { Db } from "../client";
import { domains, trees } from "../schema";
import { DomainError } from "@/lib/errors";
import type { DomainSpec } from "@/lib/domain/schema";

export type DomainRow = typeof domains.$inferSelect;

export function toSpec(row: DomainRow): DomainSpec {
  const { slug, name, description, policy, tools, userFacts, db } = row;
  return { slug, name, description, policy, tools, userFacts, db };
}

export function listDomains({ db }: { db: Db }) {
  return db.select().from(domains).orderBy(asc(domains.name)).all();
}

export function getDomainBySlug({ db, slug }: { db: Db; slug: string }): DomainRow {
  const row = db.select().from(domains).where(eq(domains.slug, slug)).get();
  if (!row) throw new DomainError("not_found", `No domain with slug "${slug}".`);
  return row;
}

export function getDomainById({ db, id }: { db: Db; id: number }): DomainRow {
  const row = db.select().from(domains).where(eq(domains.id, id)).get();
  if (!row) throw new DomainError("not_found", `No domain with id ${id}.`);
  return row;
}

export function insertDomain({ db, spec }: { db: Db; spec: DomainSpec }): DomainRow {
  if (db.select({ id: domains.id }).from(domains).where(eq(domains.slug, spec.slug)).get()) {
    throw new DomainError("conflict", `A domain with slug "${spec.slug}" already exists.`);
  }
  return db.insert(domains).values(spec).returning().get();
}

export function updateDomain({ db, slug, spec }: { db: Db; slug: string; spec: DomainSpec }): DomainRow {
  const current = getDomainBySlug({ db, slug });
  if (spec.slug !== slug && db.select({ id: domains.id }).from(domains).where(eq(domains.slug, spec.slug)).get()) {
    throw new DomainError("conflict", `A domain with slug "${spec.slug}" already exists.`);
  }
  return db
    .update(domains)
    .set({ ...spec, updatedAt: new Date().toISOString() })
    .where(eq(domains.id, current.id))
    .returning()
    .get();
}

export function listTreesOfDomain({ db, domainId }: { db: Db; domainId: number }) {
  return db.select().from(trees).where(eq(trees.domainId, domainId)).orderBy(asc(trees.name)).all();
}
