import { studioDb } from "@/db";
import { getRun } from "@/db/queries/train-runs";
import { summarizeRuns } from "@/db/queries/train-summary";
import { intParam, json, route } from "../../../_shared/http";
import { requireUser } from "../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** One run with its spec, status and progress. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const run = getRun({ db, id: intParam((await params).id, "run id") });
  return json({ run: summarizeRuns({ db, runs: [run] })[0] });
});
