import { z } from "zod";
import { studioDb } from "@/db";
import { getCase } from "@/db/queries/cases";
import { decideAndSave } from "@/db/queries/reviews-decide";
import { CaseEdit } from "@/lib/review/schema";
import { reviewPolicyFromEnv } from "@/lib/review/policy";
import { intParam, json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const row = getCase({ db: studioDb(), id: intParam((await params).id, "case id") });
  return json({ case: { id: row.id, status: row.status, reason: row.reason, source: row.source, treeId: row.treeId, outcome: row.outcome, data: row.data } });
});

const Edit = z.object({ changes: CaseEdit, baseRevision: z.number().int().min(0).optional(), note: z.string().trim().max(2000).default("") });

/**
 * Rewrites a case's text fields (the structured parts stay) and re-runs its proof in its domain;
 * the edit is audited and puts the case back to pending review. Reviewers and admins only.
 */
export const PUT = route(async (req: Request, { params }: Ctx) => {
  const user = await requireRole(req, ["reviewer"]);
  const caseId = intParam((await params).id, "case id");
  const body = await parseBody(req, Edit);
  const db = studioDb();
  const outcome = decideAndSave({ db, caseId, decision: { kind: "edit", ...body }, reviewer: { id: user.id, name: user.name || user.email }, policy: reviewPolicyFromEnv() });
  const row = getCase({ db, id: caseId });
  return json({ ...outcome, case: { id: row.id, status: row.status, reason: row.reason, data: row.data } });
});
