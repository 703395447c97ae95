import { describe, expect, it } from "vitest";
import { openDb } from "@/db/client";
import { createAccount } from "./accounts";
import { createAuth, sessionUser } from "./server";

const setup = () => {
  const db = openDb(":memory:");
  const auth = createAuth({ db, secret: "test-secret-test-secret-test-secret", baseURL: "http://localhost:3000" });
  createAccount(db, { email: "Rita@Example.com", role: "reviewer", password: "reviewer-pass" });
  return { db, auth };
};

async function signIn(auth: ReturnType<typeof setup>["auth"], email: string, password: string) {
  return auth.api.signInEmail({ body: { email, password }, asResponse: true });
}

const cookieOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

describe("better-auth on the studio database", () => {
  it("signs in an account made by createAccount and reads its role from the session", async () => {
    const { auth } = setup();
    const res = await signIn(auth, "rita@example.com", "reviewer-pass");
    expect(res.status).toBe(200);
    const user = await sessionUser(auth, new Headers({ cookie: cookieOf(res) }));
    expect(user).toMatchObject({ email: "rita@example.com", name: "rita", role: "reviewer" });
  });

  it("refuses a wrong password and an unknown email with 401", async () => {
    const { auth } = setup();
    expect((await signIn(auth, "rita@example.com", "wrong-password")).status).toBe(401);
    expect((await signIn(auth, "nobody@example.com", "reviewer-pass")).status).toBe(401);
  });

  it("has no session without a cookie or with a forged one", async () => {
    const { auth } = setup();
    expect(await sessionUser(auth, new Headers())).toBeNull();
    expect(await sessionUser(auth, new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it("keeps public sign-up closed", async () => {
    const { auth } = setup();
    const res = await auth.api.signUpEmail({ body: { email: "new@example.com", password: "new-password", name: "New" }, asResponse: true });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "EMAIL_PASSWORD_SIGN_UP_DISABLED" });
  });

  it("does not let a user raise their own role through update-user", async () => {
    const { auth } = setup();
    const cookie = cookieOf(await signIn(auth, "rita@example.com", "reviewer-pass"));
    const res = await auth.api.updateUser({ body: { role: "admin" } as never, headers: new Headers({ cookie }), asResponse: true });
    expect(res.status).toBe(400);
    expect((await sessionUser(auth, new Headers({ cookie })))?.role).toBe("reviewer");
  });

  it("signs out: the cookie no longer names a session", async () => {
    const { auth } = setup();
    const cookie = cookieOf(await signIn(auth, "rita@example.com", "reviewer-pass"));
    await auth.api.signOut({ headers: new Headers({ cookie }) });
    expect(await sessionUser(auth, new Headers({ cookie }))).toBeNull();
  });

  it("without BETTER_AUTH_URL, accepts a sign-in from the host the browser asked for and refuses another origin", async () => {
    const db = openDb(":memory:");
    createAccount(db, { email: "rita@example.com", role: "reviewer", password: "reviewer-pass" });
    const auth = createAuth({ db, secret: "test-secret-test-secret-test-secret" });
    const post = (origin: string, host = "127.0.0.1:3100") =>
      auth.handler(new Request("http://127.0.0.1:3100/api/auth/sign-in/email", {
        method: "POST",
        headers: { host, origin, "content-type": "application/json" },
        body: JSON.stringify({ email: "rita@example.com", password: "reviewer-pass" }),
      }));
    expect((await post("http://evil.example")).status).toBe(403);
    expect((await post("http://evil.example", "*")).status).toBe(403);
    expect((await post("http://127.0.0.1:3100")).status).toBe(200);
    const lan = await post("http://studio.lan:3000", "studio.lan:3000");
    expect(lan.status).toBe(200);
    expect(lan.headers.get("set-cookie")).toMatch(/^better-auth\.session_token=/); // not __Secure-: plain http on a LAN works
  });
});
