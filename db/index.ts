import { getDb, type Db } from "./client";
import { seedIfEmpty } from "./seed";

let ready = false;

/** The studio's database: opened lazily, migrated, and seeded with the examples on first use. */
export function studioDb(): Db {
  const db = getDb();
  if (!ready) {
    seedIfEmpty(db);
    ready = true;
  }
  return db;
}
