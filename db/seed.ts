import { count } from "drizzle-orm";
import type { Db } from "./client";
import { domains, personas } from "./schema";
import { insertDomain } from "./queries/domains";
import { createTree } from "./queries/trees";
import { EXAMPLE_DOMAINS } from "@/lib/domain/examples";
import { SEED_PERSONAS } from "@/lib/persona/seed-personas";

/** Seeds the example domains and personas into an empty database. Idempotent. */
export function seedIfEmpty(db: Db): { seeded: boolean } {
  const [{ n }] = db.select({ n: count() }).from(domains).all();
  if (n > 0) return { seeded: false };
  db.transaction((tx) => {
    for (const example of EXAMPLE_DOMAINS) {
      const domain = insertDomain({ db: tx as unknown as Db, spec: example.spec });
      for (const t of example.trees) createTree({ db: tx as unknown as Db, domainId: domain.id, name: t.name, document: t.doc });
    }
    const [{ p }] = tx.select({ p: count() }).from(personas).all();
    if (p === 0) tx.insert(personas).values(SEED_PERSONAS.map((x) => ({ ...x, source: "seed" }))).run();
  });
  return { seeded: true };
}
