import { studioDb } from "@/db";
import { getDomainById } from "@/db/queries/domains";
import { getReviewSubject, listCaseReviews } from "@/db/queries/reviews";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** A case as the focus view judges it: the case, its review state and every review action on it. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const { row, subject } = getReviewSubject({ db, id: intParam((await params).id, "case id") });
  const domain = row.domainId === null ? null : getDomainById({ db, id: row.domainId });
  return json({
    case: { id: row.id, status: row.status, reason: row.reason, source: row.source, generator: row.generator, personaId: row.personaId, treeId: row.treeId, outcome: row.outcome, data: row.data },
    domain: domain && { slug: domain.slug, name: domain.name },
    review: subject.review,
    reviews: listCaseReviews({ db, caseId: row.id }),
  });
});
