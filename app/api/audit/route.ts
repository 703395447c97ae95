import { z } from "zod";
import { studioDb } from "@/db";
import { listAudit } from "@/db/queries/reviews";
import { jsonDiff } from "@/lib/review/audit";
import { json, route } from "../_shared/http";
import { requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({ entity: z.string().min(1), id: z.string().min(1) });

/** The audit trail of one entity, newest first; each entry carries the JSON diff of its before/after. */
export const GET = route(async (req: Request) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const entries = listAudit({ db: studioDb(), entity: q.entity, entityId: q.id });
  return json({ entries: entries.map((e) => ({ ...e, changes: jsonDiff(e.before ?? {}, e.after ?? {}) })) });
});
