import { asc, count, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { personas } from "../schema";
import { DomainError } from "@/lib/errors";
import type { Persona } from "@/lib/persona/schema";

export type PersonaRow = typeof personas.$inferSelect;

/** The whole library, ordered by id (sampling sorts by id too). */
export function listPersonas({ db }: { db: Db }): PersonaRow[] {
  return db.select().from(personas).orderBy(asc(personas.id)).all();
}

export function countPersonas({ db }: { db: Db }): number {
  return db.select({ n: count() }).from(personas).get()!.n;
}

/** The personas with these ids; a missing id is an error naming it (a job must not run on a deleted persona silently). */
export function getPersonasByIds({ db, ids }: { db: Db; ids: string[] }): Map<string, PersonaRow> {
  const unique = [...new Set(ids)];
  const rows = unique.length ? db.select().from(personas).where(inArray(personas.id, unique)).all() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const missing = unique.filter((id) => !byId.has(id));
  if (missing.length) throw new DomainError("not_found", `No persona with id ${missing.map((m) => `"${m}"`).join(", ")} in the library.`);
  return byId;
}

/** Adds personas in one transaction; `source` says where they came from (a file name, "seed"). */
export function insertPersonas({ db, items, source }: { db: Db; items: Persona[]; source: string }): number {
  if (!items.length) return 0;
  db.transaction((tx) => {
    for (const p of items) tx.insert(personas).values({ id: p.id, persona: p.persona, source }).run();
  });
  return items.length;
}
