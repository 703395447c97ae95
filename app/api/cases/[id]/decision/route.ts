import { studioDb } from "@/db";
import { decideAndSave } from "@/db/queries/reviews-decide";
import { CaseDecision } from "@/lib/review/schema";
import { reviewPolicyFromEnv } from "@/lib/review/policy";
import { intParam, json, parseBody, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** A reviewer approves, rejects (with a reason), edits or skips a case. Reviewers and admins only. */
export const POST = route(async (req: Request, { params }: Ctx) => {
  const user = await requireRole(req, ["reviewer"]);
  const caseId = intParam((await params).id, "case id");
  const decision = await parseBody(req, CaseDecision);
  const outcome = decideAndSave({ db: studioDb(), caseId, decision, reviewer: { id: user.id, name: user.name || user.email }, policy: reviewPolicyFromEnv() });
  return json(outcome);
});
