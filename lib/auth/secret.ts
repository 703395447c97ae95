import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const SECRET_FILE = ".auth-secret";
let memorySecret: string | undefined;

/**
 * The secret better-auth signs session cookies with: BETTER_AUTH_SECRET when set, else a random
 * one made on first use and kept beside the database file (mode 0600, never in git), so that
 * sessions survive a restart. An in-memory database gets a per-process secret.
 */
export function authSecret(dbFile: string, env: Partial<Record<string, string>> = process.env): string {
  const fromEnv = env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  if (dbFile === ":memory:") return (memorySecret ??= randomBytes(32).toString("base64url"));
  const file = secretFile(dbFile);
  const existing = readSecret(file);
  if (existing) return existing;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": when two processes start at once, one writes and the other reads what it wrote.
    fs.writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
  }
  const made = readSecret(file);
  if (!made) throw new Error(`The auth secret file ${file} is empty; delete it or set BETTER_AUTH_SECRET.`);
  return made;
}

export const secretFile = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), SECRET_FILE);

function readSecret(file: string): string | undefined {
  try {
    return fs.readFileSync(file, "utf8").trim() || undefined;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw e;
  }
}
