import { studioDb } from "@/db";
import { listEvals } from "@/db/queries/evals";
import { EvalRequest } from "@/lib/eval/execute";
import { enqueueEval } from "@/lib/eval/job";
import { intParam, json, parseBody, route } from "../_shared/http";
import { requireRole, requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

/** Evaluations, newest first; `?runId=` keeps those attached to one training run. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const raw = new URL(req.url).searchParams.get("runId");
  return json({ evals: listEvals({ db: studioDb(), runId: raw ? intParam(raw, "runId") : undefined }) });
});

/** Checks the agent, the provider and the dataset, stores the evaluation and queues its eval.run job. Curators. */
export const POST = route(async (req: Request) => {
  const user = await requireRole(req, ["curator"]);
  const body = await parseBody(req, EvalRequest);
  const { eval: row, jobId, cases } = await enqueueEval({ db: studioDb(), request: body, createdBy: user.email });
  return json({ eval: row, jobId, cases }, 201);
});
