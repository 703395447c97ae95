import { studioDb } from "@/db";
import { listRuns } from "@/db/queries/train-runs";
import { summarizeRuns } from "@/db/queries/train-summary";
import { z } from "zod";
import { RoundSpec } from "@/lib/train/protocol";
import { startRound } from "@/lib/train/round";
import { json, parseBody, route } from "../../_shared/http";
import { requireRole, requireUser } from "../../_shared/auth";

export const dynamic = "force-dynamic";

/** Training runs, newest first, with steps so far and the best validation reward. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const db = studioDb();
  return json({ runs: summarizeRuns({ db, runs: listRuns({ db }) }) });
});

/** A round's spec; `withProblems` also trains on the dataset domain's verified reasoning problems. */
const StartRound = RoundSpec.extend({ withProblems: z.boolean().default(false) });

/** Starts a round: validates the spec and its dataset, creates the run and queues its job. */
export const POST = route(async (req: Request) => {
  const user = await requireRole(req, ["curator"]);
  const { withProblems, ...spec } = await parseBody(req, StartRound);
  const db = studioDb();
  const run = await startRound({ db, spec, createdBy: user.email, withProblems });
  return json({ run: summarizeRuns({ db, runs: [run] })[0] }, 201);
});
