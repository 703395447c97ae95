/**
 * Which paths need no session, and where to go after signing in. Shared by the proxy (the
 * redirect to /sign-in), the root layout and the sign-in form; framework-free.
 */
export const SIGN_IN_PATH = "/sign-in";

const PUBLIC = [SIGN_IN_PATH, "/api/health", "/api/auth"];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

/** A same-site path to return to after sign-in; anything else (other hosts, "//x", the sign-in page itself) becomes "/". */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  const pathname = next.split(/[?#]/)[0];
  return isPublicPath(pathname) ? "/" : next;
}

export const signInUrl = (next: string) => (next === "/" ? SIGN_IN_PATH : `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}`);
