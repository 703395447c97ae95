import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

// The routes open the studio database lazily from the environment: a fresh file per run.
process.env.FLYWHEEL_DB = path.join(mkdtempSync(path.join(tmpdir(), "review-routes-")), "studio.db");
process.env.BETTER_AUTH_SECRET = "review-routes-test-secret-0123456789";
process.env.BETTER_AUTH_URL = "http://localhost:3000";

const { studioDb } = await import("@/db");
const { seedReviewCases } = await import("@/db/queries/reviews-fixture");
const { createAccount } = await import("@/lib/auth/accounts");
const { apiRequest, signIn } = await import("../_shared/test-client");
const decisionRoute = await import("../../api/cases/[id]/decision/route");
const caseRoute = await import("../../api/cases/[id]/route");
const listRoute = await import("./cases/route");
const reviewCaseRoute = await import("./cases/[id]/route");
const bulkRoute = await import("./bulk/route");
const statsRoute = await import("./stats/route");
const neighborsRoute = await import("./neighbors/route");
const auditRoute = await import("../audit/route");

type Who = "admin" | "reviewer" | "curator" | "nobody";
const cookies: Record<Who, string> = { admin: "", reviewer: "", curator: "", nobody: "" };
let fx: ReturnType<typeof seedReviewCases>;

beforeAll(async () => {
  const db = studioDb();
  fx = seedReviewCases(db);
  for (const role of ["admin", "reviewer", "curator"] as const) {
    createAccount(db, { email: `${role}@test.local`, name: role, role, password: `${role}-password` });
    cookies[role] = await signIn(`${role}@test.local`, `${role}-password`);
  }
}, 60_000); // password hashing is slow on a busy machine

const request = (who: Who, url: string, method = "GET", body?: unknown) => apiRequest(`http://localhost:3000${url}`, { method, body, cookie: cookies[who] });
const ctx = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const decide = (who: Who, id: number, body: unknown) => decisionRoute.POST(request(who, `/api/cases/${id}/decision`, "POST", body), ctx(id));

describe("POST /api/cases/[id]/decision", () => {
  it("lets a reviewer approve, refuses a curator (403) and a signed-out request (401)", async () => {
    const id = fx.shopCaseIds[0];
    const curator = await decide("curator", id, { kind: "approve" });
    expect(curator.status).toBe(403);
    expect((await curator.json()).error.message).toMatch(/reviewer or admin role/);
    expect((await decide("nobody", id, { kind: "approve" })).status).toBe(401);
    const ok = await decide("reviewer", id, { kind: "approve" });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ caseId: id, review: { status: "approved", approvals: 1 } });
  });

  it("lets an admin decide too, and answers a bad decision with a field-addressed 400", async () => {
    const id = fx.shopCaseIds[1];
    const bad = await decide("admin", id, { kind: "reject", reason: "other" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/note: a rejection for another reason needs a note/);
    const ok = await decide("admin", id, { kind: "reject", reason: "unrealistic_request", note: "nobody talks like this" });
    expect((await ok.json()).review.status).toBe("rejected");
  });

  it("answers 409 when approving a case whose proof failed, 404 for an unknown case", async () => {
    const res = await decide("reviewer", fx.otherCaseIds[1], { kind: "approve" });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/failed its proof/);
    expect((await decide("reviewer", 99999, { kind: "skip" })).status).toBe(404);
  });
});

describe("PUT /api/cases/[id] and GET /api/audit", () => {
  it("edits the text, re-proves the case and records a diff the audit route returns", async () => {
    const id = fx.shopCaseIds[2];
    expect((await caseRoute.PUT(request("curator", `/api/cases/${id}`, "PUT", { changes: { task: "x" } }), ctx(id))).status).toBe(403);
    const res = await caseRoute.PUT(request("reviewer", `/api/cases/${id}`, "PUT", { changes: { task: "Please cancel o1; I changed my mind." }, baseRevision: 0 }), ctx(id));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ caseStatus: "verified", review: { status: "pending", revision: 1 }, case: { data: { task: "Please cancel o1; I changed my mind." } } });
    const stale = await caseRoute.PUT(request("reviewer", `/api/cases/${id}`, "PUT", { changes: { task: "again" }, baseRevision: 0 }), ctx(id));
    expect(stale.status).toBe(409);
    const audit = await (await auditRoute.GET(request("reviewer", `/api/audit?entity=case&id=${id}`))).json();
    expect(audit.entries[0]).toMatchObject({ action: "case.edit", actorName: "reviewer" });
    expect(audit.entries[0].changes).toContainEqual(expect.objectContaining({ path: "task", op: "changed", after: "Please cancel o1; I changed my mind." }));
    const view = await (await reviewCaseRoute.GET(request("reviewer", `/api/review/cases/${id}`), ctx(id))).json();
    expect(view).toMatchObject({ domain: { slug: "shop" }, review: { revision: 1 }, reviews: [{ decision: "edit" }] });
  });
});

describe("the review queue", () => {
  it("lists with filters and pages, and finds neighbours", async () => {
    const page = await (await listRoute.GET(request("reviewer", "/api/review/cases?domain=shop&outcome=refuse&limit=1"))).json();
    expect(page.rows).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(2);
    expect(page.rows[0]).toMatchObject({ outcome: "refuse", domainSlug: "shop" });
    const n = await (await neighborsRoute.GET(request("reviewer", `/api/review/neighbors?domain=shop&outcome=refuse&id=${page.rows[0].id}`))).json();
    expect(n).toMatchObject({ previous: null, position: 1, total: page.total });
    expect((await listRoute.GET(request("reviewer", "/api/review/cases?outcome=nonsense"))).status).toBe(400);
    expect((await listRoute.GET(request("reviewer", "/api/review/cases?domain=nope"))).status).toBe(404);
    const short = await listRoute.GET(request("reviewer", "/api/review/cases?q=ab"));
    expect(short.status).toBe(400);
    expect((await short.json()).error.message).toMatch(/q: search for at least 3 characters/);
    expect((await listRoute.GET(request("nobody", "/api/review/cases"))).status).toBe(401);
  });

  it("bulk-decides the filtered cases after a count check; curators get 403", async () => {
    const filter = { domain: "other" };
    expect((await bulkRoute.POST(request("curator", "/api/review/bulk", "POST", { filter, decision: { kind: "approve" }, expected: 2 }))).status).toBe(403);
    const stale = await bulkRoute.POST(request("reviewer", "/api/review/bulk", "POST", { filter, decision: { kind: "approve" }, expected: 5 }));
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toMatch(/matches 2 case\(s\), not the 5/);
    const ok = await (await bulkRoute.POST(request("reviewer", "/api/review/bulk", "POST", { filter, decision: { kind: "approve" }, expected: 2 }))).json();
    expect(ok).toMatchObject({ matched: 2, decided: 1, refusedCount: 1, capped: false });
  });

  it("reports status counts and agreement", async () => {
    const stats = await (await statsRoute.GET(request("admin", "/api/review/stats?domain=other"))).json();
    expect(stats.policy).toEqual({ overlap: 1, rule: "unanimous" });
    expect(stats.byStatus).toEqual({ approved: 1, pending: 1, rejected: 0 });
    expect(stats.reviewers).toMatchObject([{ name: "reviewer", approve: 1 }]);
  });
});
