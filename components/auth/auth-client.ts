/**
 * The UI's calls to better-auth's own endpoints (/api/auth/*), which answer `{ message, code }`
 * on failure rather than the studio's `{ error }` shape; turned here into sentences a person reads.
 */
export async function signInWithPassword(email: string, password: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    throw new Error("Could not reach the studio; is the server running?");
  }
  if (res.ok) return;
  const body = (await res.json().catch(() => ({}))) as { message?: string; code?: string };
  if (res.status === 401) throw new Error("Wrong email or password.");
  if (res.status === 429) {
    const wait = res.headers.get("x-retry-after");
    throw new Error(`Too many sign-in attempts; try again in ${wait ?? "a few"} seconds.`);
  }
  if (body.code === "INVALID_EMAIL") throw new Error("That is not a valid email address.");
  throw new Error(body.message ? `Could not sign in: ${body.message}` : `Could not sign in (HTTP ${res.status}).`);
}

export async function signOut(): Promise<void> {
  const res = await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!res.ok) throw new Error(`Could not sign out (HTTP ${res.status}).`);
}
