import { studioDb } from "@/db";
import { resolveReviewFilter } from "@/db/queries/reviews-filter";
import { reviewStats } from "@/db/queries/reviews-stats";
import { parseReviewFilter } from "@/lib/review/schema";
import { reviewPolicyFromEnv } from "@/lib/review/policy";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Review progress and inter-reviewer agreement (percent, Fleiss' and Cohen's kappa) over the filtered cases. */
export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const db = studioDb();
  const query = resolveReviewFilter({ db, filter: parseReviewFilter(new URL(req.url).searchParams), userId: user.id });
  return json({ policy: reviewPolicyFromEnv(), ...reviewStats({ db, query }) });
});
