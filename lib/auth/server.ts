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
  const publicUrl = baseURL ?? (process.env.BETTER_AUTH_URL || undefined);
  return betterAuth({
    appName: "Flywheel Studio",
    database: drizzleAdapter(db, { provider: "sqlite", schema: authSchema }),
    secret,
    // BETTER_AUTH_URL names the public URL (set it behind an https proxy). Without it the studio
    // answers on whatever host the browser used (localhost, a LAN name …): better-auth's own URL
    // is then only a placeholder, cookies are not Secure-only (plain http on a LAN must work),
    // and a POST is accepted only from the origin of the host it was sent to (the CSRF check).
    baseURL: publicUrl ?? "http://localhost:3000",
    trustedOrigins: (request) => sameHostOrigins(request),
    advanced: {
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      // better-auth skips its origin check when NODE_ENV is "test"; the studio's tests check the real thing.
      disableOriginCheck: false,
    },
    emailAndPassword: { enabled: true, disableSignUp: true, password: { hash: hashPassword, verify: verifyPassword } },
    user: { additionalFields: { role: { type: "string", required: true, defaultValue: "curator", input: false } } },
    // 10 sign-in attempts a minute per client address (better-auth's default is 3 per 10 s).
    rateLimit: { customRules: { "/sign-in/email": { window: 60, max: 10 } } },
    telemetry: { enabled: false },
  });
}

/** The origins of the host a request was sent to: a page on that host may POST, another site may not. */
function sameHostOrigins(request: Request | undefined): string[] {
  const host = request?.headers.get("host");
  // Only a plain host[:port]: better-auth reads "*" and "?" in a trusted origin as wildcards.
  return host && /^[\w.-]+(:\d+)?$|^\[[\da-f:]+\](:\d+)?$/i.test(host) ? [`http://${host}`, `https://${host}`] : [];
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
