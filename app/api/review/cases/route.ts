import { z } from "zod";
import { studioDb } from "@/db";
import { listReviewCases } from "@/db/queries/reviews";
import { resolveReviewFilter } from "@/db/queries/reviews-filter";
import { parseReviewFilter } from "@/lib/review/schema";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

const Page = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** One page of the review queue (oldest first) and the total the filter matches. */
export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const params = new URL(req.url).searchParams;
  const page = Page.parse({ limit: params.get("limit") ?? undefined, offset: params.get("offset") ?? undefined });
  const db = studioDb();
  const query = resolveReviewFilter({ db, filter: parseReviewFilter(params), userId: user.id });
  return json(listReviewCases({ db, query, ...page }));
});
