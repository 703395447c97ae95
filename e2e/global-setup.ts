import { request, type FullConfig } from "@playwright/test";

/** Where the admin's signed-in browser state is kept for every spec (data/ is git-ignored). */
export const ADMIN_STATE = "data/e2e-admin-state.json";
export const ADMIN_EMAIL = "admin@flywheel.local";
export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";

/** Signs in as the first admin once (the web server starts with FLYWHEEL_ADMIN_PASSWORD) and saves the cookie. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL!;
  const api = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const res = await api.post("/api/auth/sign-in/email", { data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD } });
  if (!res.ok()) {
    throw new Error(
      `e2e global setup: signing in as ${ADMIN_EMAIL} failed (${res.status()} ${await res.text()}). ` +
        "A server already running on the e2e port may hold another database; stop it or set E2E_ADMIN_PASSWORD.",
    );
  }
  await api.storageState({ path: ADMIN_STATE });
  await api.dispose();
}
