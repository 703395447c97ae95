import { randomBytes } from "node:crypto";
import { asc, count, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { account, user } from "@/db/schema-auth";
import { DomainError } from "@/lib/errors";
import { hashPasswordSync } from "./password";
import { Role } from "./roles";

/** better-auth's default password length limits, which its sign-in also enforces. */
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;

export const NewAccount = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("not a valid email address")),
  name: z.string().trim().max(120).optional(),
  role: Role,
  password: z.string().min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`).max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`),
});
export type NewAccount = z.input<typeof NewAccount>;

export type AccountRow = { id: string; email: string; name: string; role: Role; createdAt: string };

const toRow = (u: typeof user.$inferSelect): AccountRow => ({
  id: u.id, email: u.email, name: u.name, role: u.role, createdAt: u.createdAt.toISOString(),
});

/**
 * Creates a user with an email + password sign-in, written the way better-auth's sign-up writes
 * it (a "credential" account whose accountId is the user id). Synchronous, so the seed path can
 * create the first admin; public sign-up is off, accounts come from here only.
 */
export function createAccount(db: Db, input: NewAccount): AccountRow {
  const a = NewAccount.parse(input);
  if (db.select({ id: user.id }).from(user).where(eq(user.email, a.email)).get()) {
    throw new DomainError("conflict", `An account with the email ${a.email} already exists.`);
  }
  const id = randomBytes(16).toString("hex");
  const now = new Date();
  const name = a.name || a.email.split("@")[0];
  db.transaction((tx) => {
    tx.insert(user).values({ id, email: a.email, name, role: a.role, emailVerified: true, createdAt: now, updatedAt: now }).run();
    tx.insert(account)
      .values({ id: randomBytes(16).toString("hex"), accountId: id, providerId: "credential", userId: id, password: hashPasswordSync(a.password), createdAt: now, updatedAt: now })
      .run();
  });
  return toRow(db.select().from(user).where(eq(user.id, id)).get()!);
}

export function listAccounts(db: Db): AccountRow[] {
  return db.select().from(user).orderBy(asc(user.createdAt), asc(user.email)).all().map(toRow);
}

export function countAccounts(db: Db): number {
  return db.select({ n: count() }).from(user).get()!.n;
}

/** Changes an account's role; the last admin cannot be demoted (nobody could manage accounts). */
export function setRole(db: Db, { id, role }: { id: string; role: Role }): AccountRow {
  const current = db.select().from(user).where(eq(user.id, id)).get();
  if (!current) throw new DomainError("not_found", `No account with id ${id}.`);
  if (current.role === "admin" && role !== "admin") {
    const admins = db.select({ n: count() }).from(user).where(eq(user.role, "admin")).get()!.n;
    if (admins <= 1) throw new DomainError("conflict", `${current.email} is the only admin; make another account admin first.`);
  }
  db.update(user).set({ role, updatedAt: new Date() }).where(eq(user.id, id)).run();
  return toRow(db.select().from(user).where(eq(user.id, id)).get()!);
}

/** A random password for generated accounts: 18 characters, URL-safe. */
export const generatePassword = () => randomBytes(14).toString("base64url").slice(0, 18);
