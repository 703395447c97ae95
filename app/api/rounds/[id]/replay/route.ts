import { studioDb } from "@/db";
import { replayRound } from "@/lib/rounds/replay";
import { intParam, json, route } from "../../../_shared/http";
import { requireRole } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Re-runs a closed round from its records (stores nothing) and compares the snapshot hashes. Curators. */
export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  return json({ report: await replayRound({ db: studioDb(), roundId: intParam((await params).id, "round id") }) });
});
