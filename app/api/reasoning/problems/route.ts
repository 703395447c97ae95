import { studioDb } from "@/db";
import { listProblems } from "@/db/queries/problems";
import { domainScope, ProblemListQuery } from "@/lib/reasoning/library";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** The problem library, filtered (domain, kind, round, difficulty, pass rate, verification, review). */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const { limit, offset, domain, ...filter } = ProblemListQuery.parse(Object.fromEntries(new URL(req.url).searchParams));
  const page = listProblems({ db: studioDb(), filter: { ...filter, domain: domainScope(domain) }, limit, offset });
  return json(page);
});
