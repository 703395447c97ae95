import { studioDb } from "@/db";
import { reviewFacets } from "@/db/queries/reviews-stats";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** The values the review filters offer: generators and personas present among the cases. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json(reviewFacets({ db: studioDb() }));
});
