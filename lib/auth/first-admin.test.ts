import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { listAccounts } from "./accounts";
import { adminPasswordFile, adminSignInHint, ensureFirstAdmin, FIRST_ADMIN_EMAIL } from "./first-admin";
import { authSecret } from "./secret";

const dirs: string[] = [];
const tempDbFile = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-auth-"));
  dirs.push(dir);
  return path.join(dir, "studio.db");
};
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("first admin", () => {
  it("creates the admin once, with a generated password kept beside the database (0600)", () => {
    const file = tempDbFile();
    const db = openDb(file);
    expect(ensureFirstAdmin(db, file, {})).toEqual({ created: true });
    expect(ensureFirstAdmin(db, file, {})).toEqual({ created: false });
    expect(listAccounts(db)).toMatchObject([{ email: FIRST_ADMIN_EMAIL, role: "admin" }]);
    const pwFile = adminPasswordFile(file);
    const password = fs.readFileSync(pwFile, "utf8").trim();
    expect(password).toHaveLength(18);
    expect(fs.statSync(pwFile).mode & 0o777).toBe(0o600);
    expect(adminSignInHint(file, {})).toContain(password);
  });

  it("takes FLYWHEEL_ADMIN_PASSWORD, removes a stale password file and refuses a short one", () => {
    const file = tempDbFile();
    fs.writeFileSync(adminPasswordFile(file), "stale\n");
    expect(() => ensureFirstAdmin(openDb(file), file, { FLYWHEEL_ADMIN_PASSWORD: "short" })).toThrow(/8 to 128 characters/);
    ensureFirstAdmin(openDb(file), file, { FLYWHEEL_ADMIN_PASSWORD: "e2e-admin-password" });
    expect(fs.existsSync(adminPasswordFile(file))).toBe(false);
    expect(adminSignInHint(file, { FLYWHEEL_ADMIN_PASSWORD: "x" })).toContain("FLYWHEEL_ADMIN_PASSWORD");
  });
});

describe("auth secret", () => {
  it("prefers BETTER_AUTH_SECRET, else makes one file (0600) beside the database and reuses it", () => {
    const file = tempDbFile();
    expect(authSecret(file, { BETTER_AUTH_SECRET: "from-env" })).toBe("from-env");
    const made = authSecret(file, {});
    expect(made.length).toBeGreaterThanOrEqual(40);
    const secretPath = path.join(path.dirname(file), ".auth-secret");
    expect(fs.statSync(secretPath).mode & 0o777).toBe(0o600);
    expect(authSecret(file, {})).toBe(made);
  });
});
