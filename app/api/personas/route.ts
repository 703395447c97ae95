import { z } from "zod";
import { studioDb } from "@/db";
import { listPersonas } from "@/db/queries/personas";
import { samplePersonas } from "@/lib/persona/sample";
import { json, route } from "../_shared/http";
import { requireUser } from "../_shared/auth";

export const dynamic = "force-dynamic";

const Query = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  /** With both: the personas a generation with this sample size and seed would use. */
  sampleCount: z.coerce.number().int().min(1).max(100_000).optional(),
  seed: z.coerce.number().int().min(0).optional(),
});

export const GET = route(async (req: Request) => {
  await requireUser(req);
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const all = listPersonas({ db: studioDb() });
  const sample = q.sampleCount !== undefined && q.seed !== undefined ? samplePersonas(all, { count: q.sampleCount, seed: q.seed }) : undefined;
  return json({ total: all.length, personas: all.slice(q.offset, q.offset + q.limit), ...(sample ? { sample } : {}) });
});
