import { studioDb } from "@/db";
import { getEvalDetail } from "@/db/queries/evals";
import { intParam, json, route } from "../../_shared/http";
import { requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

/** An evaluation with its summary, its trial counts so far and its failed trials (trajectories included). */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const id = intParam((await params).id, "evaluation id");
  return json(getEvalDetail({ db: studioDb(), id }));
});
