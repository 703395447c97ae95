import { z } from "zod";
import { studioDb } from "@/db";
import { advanceProject } from "@/lib/rounds/driver";
import { timelineRound } from "@/lib/rounds/timeline";
import { intParam, json, parseBody, route } from "../../../../_shared/http";
import { requireRole } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const NextRound = z.object({ autoApproveVerified: z.boolean().default(false) });

/**
 * Starts the next round, or continues the open one (after review, after a failure): queues the
 * job of its current step; the steps then chain as jobs. Curators.
 */
export const POST = route(async (req: Request, { params }: Ctx) => {
  const user = await requireRole(req, ["curator"]);
  const projectId = intParam((await params).id, "project id");
  const { autoApproveVerified } = await parseBody(req, NextRound);
  const { round, jobId } = await advanceProject({ db: studioDb(), projectId, autoApprove: autoApproveVerified, createdBy: user.email });
  return json({ round: timelineRound(round), jobId }, 202);
});
