import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import fs from "node:fs";
import path from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema>;

// Paths are resolved at run time; the ignore comments keep Next's file tracing from pulling in the whole repo.
const root = () => process.env.FLYWHEEL_ROOT ?? process.cwd();
const MIGRATIONS = () => path.join(/*turbopackIgnore: true*/ root(), "db", "migrations");

/** The database file: FLYWHEEL_DB, else data/flywheel.db under the working directory. */
export function databasePath(): string {
  return process.env.FLYWHEEL_DB ?? path.join(/*turbopackIgnore: true*/ root(), "data", "flywheel.db");
}

/** Opens a database and applies the committed migrations. `:memory:` is for tests. */
export function openDb(file: string = databasePath()): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(/*turbopackIgnore: true*/ file)), { recursive: true });
  const sqlite = new Database(/*turbopackIgnore: true*/ file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL"); // durable against a killed process under WAL; fsync per checkpoint only
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS() });
  return db;
}

let shared: Db | undefined;

/**
 * The process-wide handle, opened on first use, never at import time: `next build` imports
 * route modules and must not create a database file.
 */
export function getDb(): Db {
  shared ??= openDb();
  return shared;
}
