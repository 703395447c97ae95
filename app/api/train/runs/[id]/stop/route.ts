import { studioDb } from "@/db";
import { summarizeRuns } from "@/db/queries/train-summary";
import { stopRound } from "@/lib/train/round";
import { intParam, json, route } from "../../../../_shared/http";
import { requireRole } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** Asks a run to stop: the process that owns it saves a checkpoint and ends it STOPPED. */
export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const db = studioDb();
  const run = stopRound({ db, id: intParam((await params).id, "run id") });
  return json({ run: summarizeRuns({ db, runs: [run] })[0] });
});
