import { NextResponse, type NextRequest } from "next/server";
import { getSessionCookie } from "better-auth/cookies";
import { isPublicPath, signInUrl } from "@/lib/auth/paths";

/**
 * The optimistic gate: without a session cookie, pages redirect to /sign-in and API calls get
 * 401. Whether the cookie names a live session is checked where data is read: every route
 * handler (app/api/_shared/auth.ts) and the root layout. The path travels on as a request header
 * so the layout can send a stale cookie's holder to /sign-in too.
 */
export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (!isPublicPath(pathname) && !getSessionCookie(req)) {
    if (pathname.startsWith("/api/")) {
      return NextResponse.json({ error: { code: "unauthenticated", message: "Sign in first: this request carries no session." } }, { status: 401 });
    }
    return NextResponse.redirect(new URL(signInUrl(pathname + search), req.url));
  }
  const headers = new Headers(req.headers);
  headers.set("x-flywheel-path", pathname + search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Everything but Next's static assets and files served from public/.
  matcher: ["/((?!_next/static|_next/image|favicon\\.ico|.*\\.(?:png|jpg|jpeg|gif|svg|webp|ico|css|js|map|txt)$).*)"],
};
