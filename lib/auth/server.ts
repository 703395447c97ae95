import { betterAuth } from "better-auth";
import { drizzleAdapter } from "better-auth/adapters/drizzle";
import type { Db } from "@/db/client";
import { authSchema } from "@/db/schema-auth";
import { hashPassword, verifyPassword } from "./password";
import { Role } from "./roles";

/**
 * The studio's better-auth instance: email + password on the studio's own SQLite (drizzle
 * adapter), public sign-up off (admins make accounts, lib/auth/accounts.ts), and the role kept
 * on the user as an additionalField that no auth endpoint accepts as input.
 */
export function createAuth({ db, secret, baseURL }: { db: Db; secret: string; baseURL?: string }) {
  return betterAuth({
    appName: "Flywheel Studio",
    database: drizzleAdapter(db, { provider: "sqlite", schema: authSchema }),
    secret,
    baseURL: baseURL ?? process.env.BETTER_AUTH_URL,
    emailAndPassword: { enabled: true, disableSignUp: true, password: { hash: hashPassword, verify: verifyPassword } },
    user: { additionalFields: { role: { type: "string", required: true, defaultValue: "curator", input: false } } },
    // 10 sign-in attempts a minute per client address (better-auth's default is 3 per 10 s).
    rateLimit: { customRules: { "/sign-in/email": { window: 60, max: 10 } } },
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;

export type SessionUser = { id: string; email: string; name: string; role: Role };

/** The user of the session the headers' cookie names, or null (no cookie, expired, revoked, unknown role). */
export async function sessionUser(auth: Auth, headers: Headers): Promise<SessionUser | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const role = Role.safeParse(session.user.role);
  if (!role.success) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name, role: role.data };
}
