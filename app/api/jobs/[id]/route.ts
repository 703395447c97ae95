import { z } from "zod";
import { studioDb } from "@/db";
import { cancelJob, getJobProgress, listJobItems, pauseJob, resumeJob } from "@/lib/jobs";
import { intParam, json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const id = intParam((await params).id, "job id");
  const progress = getJobProgress({ db, id });
  // A one-item job's answer is its item's result (e.g. a tree expansion's proposal).
  const result = progress.total === 1 && progress.done === 1 ? listJobItems({ db, jobId: id, limit: 1 })[0]?.result : undefined;
  return json({ progress, ...(result !== undefined ? { result } : {}) });
});

const Action = z.object({ action: z.enum(["cancel", "pause", "resume", "retry-failed"]) });

/** Cancel, pause or resume a job; the runner picks a resumed job up again. */
export const POST = route(async (req: Request, { params }: Ctx) => {
  await requireRole(req, ["curator"]);
  const id = intParam((await params).id, "job id");
  const { action } = await parseBody(req, Action);
  const db = studioDb();
  if (action === "cancel") cancelJob({ db, id });
  else if (action === "pause") pauseJob({ db, id });
  else resumeJob({ db, id, retryFailed: action === "retry-failed" });
  return json({ progress: getJobProgress({ db, id }) });
});
