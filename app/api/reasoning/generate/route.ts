import { studioDb } from "@/db";
import { enqueueGenerate, GenerateInput } from "@/lib/reasoning/job";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Queues data-analysis problem generation for a domain (a durable job). Curators. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, GenerateInput);
  const job = await enqueueGenerate(studioDb(), input);
  return json({ jobId: job.id }, 201);
});
