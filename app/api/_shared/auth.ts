import { studioDb } from "@/db";
import { databasePath } from "@/db/client";
import { canAct, type Role } from "@/lib/auth/roles";
import { authSecret } from "@/lib/auth/secret";
import { createAuth, sessionUser, type Auth, type SessionUser } from "@/lib/auth/server";
import { DomainError } from "@/lib/errors";

let auth: Auth | undefined;

/** The process-wide better-auth instance, made on first use (never at import: `next build` imports routes). */
export function getAuth(): Auth {
  auth ??= createAuth({ db: studioDb(), secret: authSecret(databasePath()) });
  return auth;
}

/** The signed-in user of a request (or of a server component's headers), or null. */
export async function currentUser(from: Request | Headers): Promise<SessionUser | null> {
  return sessionUser(getAuth(), from instanceof Headers ? from : from.headers);
}

/** The signed-in user; DomainError "unauthenticated" (401) without a valid session. */
export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await currentUser(req);
  if (!user) throw new DomainError("unauthenticated", "Sign in first: this request carries no valid session.");
  return user;
}

/** The signed-in user when their role may act here (admins always may); else 401 / 403. */
export async function requireRole(req: Request, allowed: Role[]): Promise<SessionUser> {
  const user = await requireUser(req);
  if (!canAct(user.role, allowed)) {
    const needed = [...allowed.filter((r) => r !== "admin"), "admin"].join(" or ");
    throw new DomainError("forbidden", `This needs the ${needed} role; ${user.email} is a ${user.role}.`, { role: user.role, allowed });
  }
  return user;
}
