import { describe, expect, it } from "vitest";
import { isPublicPath, safeNextPath, signInUrl } from "./paths";

describe("auth paths", () => {
  it("leaves only sign-in, health and better-auth's endpoints public", () => {
    expect(["/sign-in", "/api/health", "/api/auth/sign-in/email", "/api/auth/get-session"].every(isPublicPath)).toBe(true);
    expect(["/", "/trees/1", "/api/domains", "/api/authors", "/sign-in-elsewhere", "/settings/accounts"].some(isPublicPath)).toBe(false);
  });

  it("returns only to same-site, non-public paths", () => {
    expect(safeNextPath("/trees/3?x=1")).toBe("/trees/3?x=1");
    for (const bad of [null, "", "https://evil.example", "//evil.example", "/\\evil.example", "/sign-in", "/api/auth/sign-out"]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });

  it("builds the sign-in URL with the way back", () => {
    expect(signInUrl("/")).toBe("/sign-in");
    expect(signInUrl("/trees/3?x=1")).toBe("/sign-in?next=%2Ftrees%2F3%3Fx%3D1");
  });
});
