import { studioDb } from "@/db";
import { caseNeighbors } from "@/db/queries/reviews";
import { resolveReviewFilter } from "@/db/queries/reviews-filter";
import { parseReviewFilter } from "@/lib/review/schema";
import { intParam, json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** The previous and next case around `id` in the filtered queue, and `id`'s position in it. */
export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const params = new URL(req.url).searchParams;
  const id = intParam(params.get("id") ?? "", "id");
  const db = studioDb();
  return json(caseNeighbors({ db, query: resolveReviewFilter({ db, filter: parseReviewFilter(params), userId: user.id }), id }));
});
