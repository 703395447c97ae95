import { studioDb } from "@/db";
import { difficultyByRound } from "@/db/queries/problems";
import { domainScope } from "@/lib/reasoning/library";
import { json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Verified problems per round and difficulty: the histogram that shows the shift to harder problems. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const domain = new URL(req.url).searchParams.get("domain");
  return json({ histogram: difficultyByRound({ db: studioDb(), domain: domainScope(domain) }) });
});
