import { studioDb } from "@/db";
import { GenerateInput } from "@/lib/generate/schema";
import { enqueueJob } from "@/lib/jobs";
import { json, parseBody, route } from "../_shared/http";
import { requireRole } from "../_shared/auth";

export const dynamic = "force-dynamic";

/** Enqueues a `cases.generate` job; the page follows it through /api/jobs/{id}. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, GenerateInput);
  const job = await enqueueJob({ db: studioDb(), kind: "cases.generate", input });
  return json({ job: { id: job.id, total: job.total } }, 201);
});
