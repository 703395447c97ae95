import { studioDb } from "@/db";
import { setProblemStatus } from "@/db/queries/problems";
import { ProblemReview } from "@/lib/reasoning/library";
import { json, parseBody, route } from "../../../../_shared/http";
import { requireRole } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";

/** Approves, rejects or reopens a problem. Reviewers. */
export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireRole(req, ["reviewer"]);
  const { status } = await parseBody(req, ProblemReview);
  const { id } = await ctx.params;
  return json({ problem: setProblemStatus({ db: studioDb(), id, status, reviewer: user.email }) });
});
