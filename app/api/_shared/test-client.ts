import { getAuth } from "./auth";

/**
 * Route-handler tests: a fresh studio, a signed-in session and JSON requests straight to the
 * handlers (no server). See the route tests under app/api.
 */

/** The admin the studio creates on first start under `setUpTestStudio`. */
export const TEST_ADMIN = { email: "admin@flywheel.local", password: "api-test-admin-password" };

/**
 * Points the studio at a fresh in-memory database (migrated and seeded on first use, with
 * TEST_ADMIN), with background jobs off: a test runs jobs itself when it means to. Handlers
 * open the database and read these on first use, so calling this in the test module is enough.
 */
export function setUpTestStudio(): void {
  process.env.FLYWHEEL_DB = ":memory:";
  process.env.FLYWHEEL_ADMIN_PASSWORD = TEST_ADMIN.password;
  process.env.BETTER_AUTH_SECRET = "api-test-secret-api-test-secret-api-test";
  process.env.FLYWHEEL_JOBS = "off";
}

/** Signs in; the session cookie to send. */
export async function signIn(email = TEST_ADMIN.email, password = TEST_ADMIN.password): Promise<string> {
  const res = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
  if (!res.ok) throw new Error(`signing in as ${email} failed: HTTP ${res.status}`);
  return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

export interface RouteInit {
  method?: string;
  /** Sent as JSON; undefined sends no body. */
  body?: unknown;
  /** The dynamic segments, as Next passes them. */
  params?: Record<string, unknown>;
  /** The session cookie; without one the request is signed out. */
  cookie?: string;
}

/** A JSON request to the studio; `url` is a path (on http://localhost) or a whole URL. */
export function apiRequest(url: string, { method = "GET", body, cookie }: Omit<RouteInit, "params"> = {}): Request {
  const headers: Record<string, string> = cookie === undefined ? { "content-type": "application/json" } : { cookie, "content-type": "application/json" };
  return new Request(new URL(url, "http://localhost"), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

type Handler = (req: Request, ctx: { params: Promise<Record<string, unknown>> }) => Promise<Response>;

/** Calls a route handler (any export of a route.ts) as Next would. */
export function callRoute(handler: unknown, url: string, init: RouteInit = {}): Promise<Response> {
  return (handler as Handler)(apiRequest(url, init), { params: Promise.resolve(init.params ?? {}) });
}

/** One user's session: `signIn` (in beforeAll), then `call` route handlers with its cookie. */
export function routeClient() {
  let cookie = "";
  return {
    async signIn(email?: string, password?: string): Promise<void> {
      cookie = await signIn(email, password);
    },
    call: (handler: unknown, url: string, init: Omit<RouteInit, "cookie"> = {}): Promise<Response> => callRoute(handler, url, { ...init, cookie }),
  };
}
