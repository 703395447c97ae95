import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { countAccounts, createAccount, generatePassword, PASSWORD_MAX, PASSWORD_MIN } from "./accounts";

export const FIRST_ADMIN_EMAIL = "admin@flywheel.local";
const PASSWORD_FILE = "admin-password.txt";

export const adminPasswordFile = (dbFile: string) => path.join(path.dirname(path.resolve(dbFile)), PASSWORD_FILE);

/**
 * On first start (no account at all) creates admin@flywheel.local with FLYWHEEL_ADMIN_PASSWORD,
 * or with a generated password written to admin-password.txt beside the database (mode 0600),
 * so the person who started the studio can sign in. Idempotent.
 */
export function ensureFirstAdmin(db: Db, dbFile: string, env: Partial<Record<string, string>> = process.env): { created: boolean } {
  if (countAccounts(db) > 0) return { created: false };
  const fromEnv = env.FLYWHEEL_ADMIN_PASSWORD || undefined;
  if (fromEnv !== undefined && (fromEnv.length < PASSWORD_MIN || fromEnv.length > PASSWORD_MAX)) {
    throw new Error(`FLYWHEEL_ADMIN_PASSWORD must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long (it is ${fromEnv.length}).`);
  }
  const password = fromEnv ?? generatePassword();
  createAccount(db, { email: FIRST_ADMIN_EMAIL, name: "Admin", role: "admin", password });
  if (dbFile !== ":memory:") {
    const file = adminPasswordFile(dbFile);
    // A file left from an earlier database would name the wrong password.
    if (fromEnv) fs.rmSync(file, { force: true });
    else fs.writeFileSync(file, password + "\n", { mode: 0o600 });
  }
  return { created: true };
}

/** The line `flywheel db init` (and so `npm start`) prints about signing in as the first admin. */
export function adminSignInHint(dbFile: string, env: Partial<Record<string, string>> = process.env): string {
  const file = dbFile === ":memory:" ? undefined : adminPasswordFile(dbFile);
  if (file && fs.existsSync(file)) {
    return `Sign in as ${FIRST_ADMIN_EMAIL} with the password ${fs.readFileSync(file, "utf8").trim()} (kept in ${file}).`;
  }
  if (env.FLYWHEEL_ADMIN_PASSWORD) return `Sign in as ${FIRST_ADMIN_EMAIL} with the password in FLYWHEEL_ADMIN_PASSWORD.`;
  return `Sign in as ${FIRST_ADMIN_EMAIL} (or another account an admin made).`;
}
