import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { callRoute, signIn, setUpTestStudio } from "./_shared/test-client";

setUpTestStudio();

import * as domains from "./domains/route";
import * as domain from "./domains/[slug]/route";
import * as domainTrees from "./domains/[slug]/trees/route";
import * as verify from "./domains/[slug]/verify/route";
import * as domainCases from "./domains/[slug]/cases/route";
import * as importRoute from "./import/route";
import * as job from "./jobs/[id]/route";
import * as jobs from "./jobs/route";
import * as tree from "./trees/[id]/route";
import * as restore from "./trees/[id]/restore/route";
import * as revisions from "./trees/[id]/revisions/route";
import * as revision from "./trees/[id]/revisions/[rev]/route";
import * as cases from "./cases/route";
import * as oneCase from "./cases/[id]/route";
import * as users from "./users/route";
import * as user from "./users/[id]/route";
import * as audit from "./audit/route";
import * as decision from "./cases/[id]/decision/route";
import * as generateBranches from "./generate/branches/route";
import * as generateJobCases from "./generate/jobs/[id]/cases/route";
import * as generatePreview from "./generate/preview/route";
import * as generate from "./generate/route";
import * as generateStatus from "./generate/status/route";
import * as personasImport from "./personas/import/route";
import * as personas from "./personas/route";
import * as reviewBulk from "./review/bulk/route";
import * as reviewCase from "./review/cases/[id]/route";
import * as reviewCases from "./review/cases/route";
import * as reviewFacets from "./review/facets/route";
import * as reviewNeighbors from "./review/neighbors/route";
import * as reviewStats from "./review/stats/route";
import * as llmCache from "./settings/llm/cache/route";
import * as llm from "./settings/llm/route";
import * as llmTest from "./settings/llm/test/route";
import * as expand from "./trees/[id]/expand/route";
import * as snapshotsRoute from "./snapshots/route";
import * as snapshot from "./snapshots/[id]/route";
import * as snapshotExport from "./snapshots/[id]/export/route";
import * as env from "./env/[...path]/route";
import * as snapshotTokens from "./snapshots/[id]/tokens/route";
import * as evalsRoute from "./evals/route";
import * as evalDetail from "./evals/[id]/route";
import * as trainRuns from "./train/runs/route";
import * as trainRun from "./train/runs/[id]/route";
import * as trainEvents from "./train/runs/[id]/events/route";
import * as trainStop from "./train/runs/[id]/stop/route";
import * as trainBackends from "./train/backends/route";
import * as reasoningProblems from "./reasoning/problems/route";
import * as reasoningProblem from "./reasoning/problems/[id]/route";
import * as reasoningReview from "./reasoning/problems/[id]/review/route";
import * as reasoningGenerate from "./reasoning/generate/route";
import * as reasoningHarden from "./reasoning/harden/route";
import * as reasoningEvals from "./reasoning/evals/route";
import * as reasoningStats from "./reasoning/stats/route";
import * as reasoningExport from "./reasoning/export/route";
import * as roundProjects from "./rounds/projects/route";
import * as roundProject from "./rounds/projects/[id]/route";
import * as roundNext from "./rounds/projects/[id]/next/route";
import * as roundDetail from "./rounds/[id]/route";
import * as roundFailures from "./rounds/[id]/failures/route";
import * as roundReplay from "./rounds/[id]/replay/route";
import { studioDb } from "@/db";
import { createAccount } from "@/lib/auth/accounts";

type Case = { file: string; handler: unknown; method: string; params?: Record<string, string>; needs: Role | "signed-in" };

/** Every handler under app/api except health and auth; `needs` is the least role that may call it. */
const ROUTES: Case[] = [
  { file: "domains/route.ts", handler: domains.POST, method: "POST", needs: "curator" },
  { file: "domains/[slug]/route.ts", handler: domain.PUT, method: "PUT", params: { slug: "retail-orders" }, needs: "curator" },
  { file: "domains/[slug]/trees/route.ts", handler: domainTrees.POST, method: "POST", params: { slug: "retail-orders" }, needs: "curator" },
  { file: "domains/[slug]/verify/route.ts", handler: verify.POST, method: "POST", params: { slug: "retail-orders" }, needs: "curator" },
  { file: "import/route.ts", handler: importRoute.POST, method: "POST", needs: "curator" },
  { file: "jobs/[id]/route.ts", handler: job.POST, method: "POST", params: { id: "1" }, needs: "curator" },
  { file: "trees/[id]/route.ts", handler: tree.PUT, method: "PUT", params: { id: "1" }, needs: "curator" },
  { file: "trees/[id]/restore/route.ts", handler: restore.POST, method: "POST", params: { id: "1" }, needs: "curator" },
  { file: "cases/[id]/route.ts", handler: oneCase.PUT, method: "PUT", params: { id: "1" }, needs: "reviewer" },
  { file: "cases/[id]/decision/route.ts", handler: decision.POST, method: "POST", params: { id: "1" }, needs: "reviewer" },
  { file: "review/bulk/route.ts", handler: reviewBulk.POST, method: "POST", needs: "reviewer" },
  { file: "generate/route.ts", handler: generate.POST, method: "POST", needs: "curator" },
  { file: "generate/preview/route.ts", handler: generatePreview.POST, method: "POST", needs: "curator" },
  { file: "personas/import/route.ts", handler: personasImport.POST, method: "POST", needs: "curator" },
  { file: "trees/[id]/expand/route.ts", handler: expand.POST, method: "POST", params: { id: "1" }, needs: "curator" },
  { file: "settings/llm/route.ts", handler: llm.PUT, method: "PUT", needs: "admin" },
  { file: "settings/llm/test/route.ts", handler: llmTest.POST, method: "POST", needs: "admin" },
  { file: "settings/llm/cache/route.ts", handler: llmCache.DELETE, method: "DELETE", needs: "admin" },
  { file: "audit/route.ts", handler: audit.GET, method: "GET", needs: "signed-in" },
  { file: "generate/branches/route.ts", handler: generateBranches.GET, method: "GET", needs: "signed-in" },
  { file: "generate/jobs/[id]/cases/route.ts", handler: generateJobCases.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "generate/status/route.ts", handler: generateStatus.GET, method: "GET", needs: "signed-in" },
  { file: "personas/route.ts", handler: personas.GET, method: "GET", needs: "signed-in" },
  { file: "review/cases/route.ts", handler: reviewCases.GET, method: "GET", needs: "signed-in" },
  { file: "review/cases/[id]/route.ts", handler: reviewCase.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "review/facets/route.ts", handler: reviewFacets.GET, method: "GET", needs: "signed-in" },
  { file: "review/neighbors/route.ts", handler: reviewNeighbors.GET, method: "GET", needs: "signed-in" },
  { file: "review/stats/route.ts", handler: reviewStats.GET, method: "GET", needs: "signed-in" },
  { file: "settings/llm/route.ts", handler: llm.GET, method: "GET", needs: "signed-in" },
  { file: "trees/[id]/expand/route.ts", handler: expand.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "users/route.ts", handler: users.POST, method: "POST", needs: "admin" },
  { file: "users/route.ts", handler: users.GET, method: "GET", needs: "admin" },
  { file: "users/[id]/route.ts", handler: user.PATCH, method: "PATCH", params: { id: "x" }, needs: "admin" },
  { file: "domains/route.ts", handler: domains.GET, method: "GET", needs: "signed-in" },
  { file: "domains/[slug]/route.ts", handler: domain.GET, method: "GET", params: { slug: "retail-orders" }, needs: "signed-in" },
  { file: "domains/[slug]/cases/route.ts", handler: domainCases.GET, method: "GET", params: { slug: "retail-orders" }, needs: "signed-in" },
  { file: "jobs/route.ts", handler: jobs.GET, method: "GET", needs: "signed-in" },
  { file: "jobs/[id]/route.ts", handler: job.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "trees/[id]/route.ts", handler: tree.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "trees/[id]/revisions/route.ts", handler: revisions.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "trees/[id]/revisions/[rev]/route.ts", handler: revision.GET, method: "GET", params: { id: "1", rev: "1" }, needs: "signed-in" },
  { file: "cases/route.ts", handler: cases.GET, method: "GET", needs: "signed-in" },
  { file: "cases/[id]/route.ts", handler: oneCase.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "snapshots/route.ts", handler: snapshotsRoute.POST, method: "POST", needs: "admin" },
  { file: "snapshots/route.ts", handler: snapshotsRoute.GET, method: "GET", needs: "signed-in" },
  { file: "snapshots/[id]/route.ts", handler: snapshot.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "snapshots/[id]/export/route.ts", handler: snapshotExport.GET, method: "GET", params: { id: "1" }, needs: "admin" },
  { file: "env/[...path]/route.ts", handler: env.GET, method: "GET", params: { path: "domains/retail-orders/tasks" }, needs: "signed-in" },
  { file: "env/[...path]/route.ts", handler: env.POST, method: "POST", params: { path: "domains/retail-orders/sessions" }, needs: "signed-in" },
  { file: "env/[...path]/route.ts", handler: env.DELETE, method: "DELETE", params: { path: "domains/retail-orders/sessions/x" }, needs: "signed-in" },
  { file: "snapshots/[id]/tokens/route.ts", handler: snapshotTokens.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "evals/route.ts", handler: evalsRoute.POST, method: "POST", needs: "curator" },
  { file: "evals/route.ts", handler: evalsRoute.GET, method: "GET", needs: "signed-in" },
  { file: "evals/[id]/route.ts", handler: evalDetail.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "train/runs/route.ts", handler: trainRuns.POST, method: "POST", needs: "curator" },
  { file: "train/runs/route.ts", handler: trainRuns.GET, method: "GET", needs: "signed-in" },
  { file: "train/runs/[id]/route.ts", handler: trainRun.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "train/runs/[id]/events/route.ts", handler: trainEvents.GET, method: "GET", params: { id: "1" }, needs: "signed-in" },
  { file: "train/runs/[id]/stop/route.ts", handler: trainStop.POST, method: "POST", params: { id: "1" }, needs: "curator" },
  { file: "train/backends/route.ts", handler: trainBackends.GET, method: "GET", needs: "signed-in" },
  { file: "reasoning/problems/route.ts", handler: reasoningProblems.GET, method: "GET", needs: "signed-in" },
  { file: "reasoning/problems/[id]/route.ts", handler: reasoningProblem.GET, method: "GET", params: { id: "p_x" }, needs: "signed-in" },
  { file: "reasoning/problems/[id]/review/route.ts", handler: reasoningReview.POST, method: "POST", params: { id: "p_x" }, needs: "reviewer" },
  { file: "reasoning/generate/route.ts", handler: reasoningGenerate.POST, method: "POST", needs: "curator" },
  { file: "reasoning/harden/route.ts", handler: reasoningHarden.POST, method: "POST", needs: "curator" },
  { file: "reasoning/evals/route.ts", handler: reasoningEvals.POST, method: "POST", needs: "curator" },
  { file: "reasoning/evals/route.ts", handler: reasoningEvals.GET, method: "GET", needs: "signed-in" },
  { file: "reasoning/stats/route.ts", handler: reasoningStats.GET, method: "GET", needs: "signed-in" },
  { file: "reasoning/export/route.ts", handler: reasoningExport.POST, method: "POST", needs: "curator" },
  { file: "reasoning/export/route.ts", handler: reasoningExport.GET, method: "GET", needs: "curator" },
  { file: "rounds/projects/route.ts", handler: roundProjects.GET, method: "GET", needs: "signed-in" },
  { file: "rounds/projects/route.ts", handler: roundProjects.POST, method: "POST", needs: "curator" },
  { file: "rounds/projects/[id]/route.ts", handler: roundProject.GET, method: "GET", params: { id: "999" }, needs: "signed-in" },
  { file: "rounds/projects/[id]/next/route.ts", handler: roundNext.POST, method: "POST", params: { id: "999" }, needs: "curator" },
  { file: "rounds/[id]/route.ts", handler: roundDetail.GET, method: "GET", params: { id: "999" }, needs: "signed-in" },
  { file: "rounds/[id]/failures/route.ts", handler: roundFailures.GET, method: "GET", params: { id: "999" }, needs: "signed-in" },
  { file: "rounds/[id]/replay/route.ts", handler: roundReplay.POST, method: "POST", params: { id: "999" }, needs: "curator" },
];

/** route.ts files below `dir`, relative to it (fs.globSync needs Node 22). */
function routeFiles(dir: string, rel = ""): string[] {
  return fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const sub = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return /^(health|auth)$/.test(sub) ? [] : routeFiles(dir, sub);
    return e.name === "route.ts" ? [sub] : [];
  });
}

const cookies: Partial<Record<Role, string>> = {};

function call(c: Case, cookie?: string): Promise<Response> {
  const urlPath = c.file.replace(/\/?route\.ts$/, "").replace(/\[(\w+)\]/g, (_, k: string) => c.params![k]);
  // past the guard a null body fails validation (400): nothing runs, never 401/403
  return callRoute(c.handler, `/api/${urlPath}`, { method: c.method, body: c.method === "GET" ? undefined : null, params: c.params, cookie });
}

const allowedRoles = (needs: Case["needs"]): Role[] => (needs === "signed-in" ? ["curator", "reviewer", "admin"] : needs === "admin" ? ["admin"] : [needs, "admin"]);

beforeAll(async () => {
  const db = studioDb(); // migrates, seeds, creates admin@flywheel.local
  createAccount(db, { email: "curator@example.com", role: "curator", password: "curator-password" });
  createAccount(db, { email: "reviewer@example.com", role: "reviewer", password: "reviewer-password" });
  cookies.admin = await signIn();
  cookies.curator = await signIn("curator@example.com", "curator-password");
  cookies.reviewer = await signIn("reviewer@example.com", "reviewer-password");
});

describe("API guards", () => {
  it("covers every handler exported under app/api (health and auth aside)", () => {
    const exported = routeFiles(path.join(__dirname)).flatMap((file) =>
      [...fs.readFileSync(path.join(__dirname, file), "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => `${m[1]} ${file}`),
    );
    const covered = new Set(ROUTES.map((r) => `${r.method} ${r.file}`));
    expect(exported.filter((e) => !covered.has(e))).toEqual([]);
  });

  for (const c of ROUTES) {
    const label = `${c.method} ${c.file}`;
    it(`${label}: signed out → 401`, async () => {
      const res = await call(c);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthenticated");
    });

    const allowed = allowedRoles(c.needs);
    for (const role of ["curator", "reviewer", "admin"] as Role[]) {
      const ok = allowed.includes(role);
      it(`${label}: ${role} → ${ok ? "passes the guard" : "403"}`, async () => {
        const res = await call(c, cookies[role]);
        if (ok) expect([401, 403]).not.toContain(res.status);
        else {
          expect(res.status).toBe(403);
          expect((await res.json()).error.message).toMatch(new RegExp(`${role}@example.com is a ${role}`));
        }
      });
    }
  }
});
