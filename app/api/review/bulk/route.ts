import { z } from "zod";
import { studioDb } from "@/db";
import { decideMany } from "@/db/queries/reviews-decide";
import { countReviewCases } from "@/db/queries/reviews";
import { resolveReviewFilter } from "@/db/queries/reviews-filter";
import { BULK_CAP, BulkDecision, ReviewFilter } from "@/lib/review/schema";
import { reviewPolicyFromEnv } from "@/lib/review/policy";
import { DomainError } from "@/lib/errors";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";

const Bulk = z.object({
  filter: ReviewFilter,
  decision: BulkDecision,
  /** The count the reviewer confirmed; if the filter now matches another number, nothing is done. */
  expected: z.number().int().min(0),
});

/** One decision for every case the filter matches (oldest first, capped); reports the counts. */
export const POST = route(async (req: Request) => {
  const user = await requireRole(req, ["reviewer"]);
  const body = await parseBody(req, Bulk);
  const db = studioDb();
  const query = resolveReviewFilter({ db, filter: body.filter, userId: user.id });
  const matched = countReviewCases({ db, query });
  if (matched !== body.expected)
    throw new DomainError("conflict", `The filter now matches ${matched} case(s), not the ${body.expected} you confirmed; nothing was changed. Check the list and try again.`, { matched });
  return json(decideMany({ db, query, decision: body.decision, reviewer: { id: user.id, name: user.name || user.email }, policy: reviewPolicyFromEnv(), cap: BULK_CAP }));
});
