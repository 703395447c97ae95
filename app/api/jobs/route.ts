import { z } from "zod";
import { studioDb } from "@/db";
import { listJobs } from "@/lib/jobs";
import { json, route } from "../_shared/http";
import { requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({ kind: z.string().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });

export const GET = route(async (req: Request) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const jobs = listJobs({ db: studioDb(), kind: q.kind, limit: q.limit });
  return json({ jobs: jobs.map(({ input: _input, ...j }) => j) });
});
