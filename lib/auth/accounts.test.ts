import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { openDb } from "@/db/client";
import { DomainError } from "@/lib/errors";
import { createAccount, listAccounts, setRole } from "./accounts";
import { verifyPassword } from "./password";
import { account } from "@/db/schema-auth";

describe("accounts", () => {
  it("creates an account with a lower-cased email, a default name and a verifiable password hash", async () => {
    const db = openDb(":memory:");
    const row = createAccount(db, { email: "  Cora@Example.COM ", role: "curator", password: "curator-pass" });
    expect(row).toMatchObject({ email: "cora@example.com", name: "cora", role: "curator" });
    const cred = db.select().from(account).all();
    expect(cred).toHaveLength(1);
    expect(cred[0]).toMatchObject({ providerId: "credential", accountId: row.id, userId: row.id });
    expect(await verifyPassword({ hash: cred[0].password!, password: "curator-pass" })).toBe(true);
    expect(await verifyPassword({ hash: cred[0].password!, password: "curator-pasS" })).toBe(false);
  });

  it("refuses a duplicate email, a bad email and a short password with clear messages", () => {
    const db = openDb(":memory:");
    createAccount(db, { email: "a@example.com", role: "reviewer", password: "long-enough" });
    expect(() => createAccount(db, { email: "A@example.com", role: "admin", password: "long-enough" })).toThrow(/already exists/);
    expect(() => createAccount(db, { email: "not-an-email", role: "admin", password: "long-enough" })).toThrow(ZodError);
    try {
      createAccount(db, { email: "b@example.com", role: "admin", password: "short" });
      expect.unreachable();
    } catch (e) {
      expect((e as ZodError).issues[0]).toMatchObject({ path: ["password"], message: "at least 8 characters" });
    }
    expect(listAccounts(db).map((a) => a.email)).toEqual(["a@example.com"]);
  });

  it("changes roles but never demotes the last admin", () => {
    const db = openDb(":memory:");
    const admin = createAccount(db, { email: "admin@example.com", role: "admin", password: "admin-pass" });
    const other = createAccount(db, { email: "other@example.com", role: "reviewer", password: "other-pass" });
    expect(() => setRole(db, { id: admin.id, role: "curator" })).toThrow(DomainError);
    expect(() => setRole(db, { id: admin.id, role: "curator" })).toThrow(/only admin/);
    expect(setRole(db, { id: other.id, role: "admin" }).role).toBe("admin");
    expect(setRole(db, { id: admin.id, role: "curator" }).role).toBe("curator");
    expect(() => setRole(db, { id: "missing", role: "curator" })).toThrow(/No account/);
  });
});
