import { studioDb } from "@/db";
import { getRound } from "@/db/queries/rounds";
import { timelineRound } from "@/lib/rounds/timeline";
import { intParam, json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** One round: its figures, failure maps and generation records, plus its frozen inputs and output. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const round = getRound({ db: studioDb(), id: intParam((await params).id, "round id") });
  return json({ round: timelineRound(round), inputs: round.inputs, output: round.output });
});
