import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createAuth } from "@/lib/auth/server";

const root = path.resolve(__dirname, "..");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "flywheel-users-"));
const dbFile = path.join(tmp, "users.db");
const env = { ...process.env, FLYWHEEL_DB: dbFile, FLYWHEEL_ADMIN_PASSWORD: "cli-admin-password" };
const run = (...argv: string[]) => spawnSync(process.execPath, [path.join(root, "bin/flywheel.mjs"), ...argv], { env, encoding: "utf8", cwd: tmp });
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("flywheel users", () => {
  it("adds an account that can then sign in, and lists it with its role", async () => {
    const added = run("users", "add", "Rev@Example.com", "--role", "reviewer", "--password", "reviewer-password");
    expect(added.stderr).toBe("");
    expect(added.stdout).toContain("Created rev@example.com (reviewer).");
    const list = JSON.parse(run("users", "list", "--json").stdout) as { email: string; role: string }[];
    expect(list.map((a) => [a.email, a.role])).toEqual([["admin@flywheel.local", "admin"], ["rev@example.com", "reviewer"]]);

    const auth = createAuth({ db: openDb(dbFile), secret: "cli-test-secret-cli-test-secret!!", baseURL: "http://localhost:3000" });
    const res = await auth.api.signInEmail({ body: { email: "rev@example.com", password: "reviewer-password" }, asResponse: true });
    expect(res.status).toBe(200);
  });

  it("says what is wrong with a missing role, a bad email or a short password (exit 1)", () => {
    const noRole = run("users", "add", "x@example.com");
    expect(noRole.status).toBe(1);
    expect(noRole.stderr).toContain("--role must be one of curator, reviewer, admin");
    expect(run("users", "add", "nope", "--role", "curator").stderr).toContain("email: not a valid email address");
    expect(run("users", "add", "y@example.com", "--role", "curator", "--password", "short").stderr).toContain("password: at least 8 characters");
  });

  it("generates and prints a password when none is given", () => {
    const r = run("users", "add", "gen@example.com", "--role", "curator");
    expect(r.stdout).toMatch(/Created gen@example\.com \(curator\)\. Password: \S{18}/);
  });
});
