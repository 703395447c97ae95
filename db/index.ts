import { databasePath, getDb, type Db } from "./client";
import { seedIfEmpty } from "./seed";
import { ensureFirstAdmin } from "@/lib/auth/first-admin";

let ready = false;

/** The studio's database: opened lazily, migrated, and seeded with the examples (and the first admin account) on first use. */
export function studioDb(): Db {
  const db = getDb();
  if (!ready) {
    seedIfEmpty(db);
    ensureFirstAdmin(db, databasePath());
    ready = true;
  }
  return db;
}
