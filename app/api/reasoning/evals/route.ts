import { studioDb } from "@/db";
import { listProblemEvals } from "@/db/queries/problems";
import { enqueueProblemEval, EvalInput } from "@/lib/reasoning/job";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Problem evaluations, newest first. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  return json({ evals: listProblemEvals({ db: studioDb() }) });
});

/** Queues an evaluation of an agent on a domain's verified problems. Curators. */
export const POST = route(async (req: Request) => {
  await requireRole(req, ["curator"]);
  const input = await parseBody(req, EvalInput);
  const { eval: row, job } = await enqueueProblemEval(studioDb(), input);
  return json({ eval: row, jobId: job.id }, 201);
});
