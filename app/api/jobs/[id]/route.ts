import { z } from "zod";
import { studioDb } from "@/db";
import { cancelJob, getJobProgress, pauseJob, resumeJob } from "@/lib/jobs";
import { intParam, json, parseBody, route } from "../../_shared/http";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (_req: Request, { params }: Ctx) =>
  json({ progress: getJobProgress({ db: studioDb(), id: intParam((await params).id, "job id") }) }),
);

const Action = z.object({ action: z.enum(["cancel", "pause", "resume", "retry-failed"]) });

/** Cancel, pause or resume a job; the runner picks a resumed job up again. */
export const POST = route(async (req: Request, { params }: Ctx) => {
  const id = intParam((await params).id, "job id");
  const { action } = await parseBody(req, Action);
  const db = studioDb();
  if (action === "cancel") cancelJob({ db, id });
  else if (action === "pause") pauseJob({ db, id });
  else resumeJob({ db, id, retryFailed: action === "retry-failed" });
  return json({ progress: getJobProgress({ db, id }) });
});
