import { z } from "zod";
import { studioDb } from "@/db";
import { listJobs } from "@/lib/jobs";
import { json, route } from "../_shared/http";
import { requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({
  /** One kind, or several separated by commas. */
  kind: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** With each job's input (its parameters), for pages that title their own jobs. */
  input: z.enum(["0", "1"]).default("0"),
});

/** Recent jobs, newest first. Signed-in users. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const jobs = listJobs({ db: studioDb(), kind: q.kind?.split(",").filter(Boolean), limit: q.limit });
  return json({ jobs: q.input === "1" ? jobs : jobs.map(({ input: _input, ...j }) => j) });
});
