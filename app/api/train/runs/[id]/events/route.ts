import { z } from "zod";
import { studioDb } from "@/db";
import { getRun, listEvents } from "@/db/queries/train-runs";
import type { TrainEvent } from "@/lib/train/protocol";
import { intParam, json, route } from "../../../../_shared/http";
import { requireUser } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const EVENT_TYPES = ["status", "metrics", "sample", "eval", "checkpoint", "log"] as const satisfies readonly TrainEvent["type"][];
const Query = z.object({
  after: z.coerce.number().int().min(0).default(0),
  types: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((t) => t.trim()).filter(Boolean) : undefined))
    .pipe(z.array(z.enum(EVENT_TYPES)).optional()),
});

/**
 * A run's events after `after` (an event id), oldest first: the panel polls with the last id it
 * holds. The run's status comes along, read before the events, so a terminal status means every
 * event before it is in this page or an earlier one.
 */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const db = studioDb();
  const id = intParam((await params).id, "run id");
  const url = new URL(req.url);
  const q = Query.parse({ after: url.searchParams.get("after") ?? undefined, types: url.searchParams.get("types") ?? undefined });
  const { status } = getRun({ db, id });
  return json({ status, events: listEvents({ db, runId: id, afterId: q.after, types: q.types }) });
});
