import { studioDb } from "@/db";
import { enqueueHarden, HardenInput } from "@/lib/reasoning/job";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Queues hardening of an evaluation's failures (one job item per failed problem). Curators. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, HardenInput);
  const job = await enqueueHarden(studioDb(), input);
  return json({ jobId: job.id, parents: job.total }, 201);
});
