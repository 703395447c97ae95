import { z } from "zod";
import { studioDb } from "@/db";
import { getJob, listJobItems } from "@/db/queries/jobs";
import { DomainError } from "@/lib/errors";
import type { GenerateItem, GenerateResult } from "@/lib/generate/schema";
import { intParam, json, route } from "../../../../_shared/http";
import { requireUser } from "../../../../_shared/auth";

export const dynamic = "force-dynamic";
type Ctx = { params: Promise<{ id: string }> };

const Query = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100), offset: z.coerce.number().int().min(0).default(0) });

/** What a generation job made so far: each item's case (or its error), for links from the Generate page. */
export const GET = route(async (req: Request, { params }: Ctx) => {
  await requireUser(req);
  const id = intParam((await params).id, "job id");
  const q = Query.parse(Object.fromEntries(new URL(req.url).searchParams));
  const db = studioDb();
  const job = getJob({ db, id });
  if (job.kind !== "cases.generate") throw new DomainError("invalid", `Job ${id} is a ${job.kind} job, not a case generation.`);
  const items = listJobItems({ db, jobId: id, offset: q.offset, limit: q.limit }).map((i) => {
    const input = i.input as GenerateItem;
    const result = i.result as GenerateResult | null;
    return { idx: i.idx, status: i.status, branchId: input.branchId, personaId: input.personaId, k: input.k, caseId: result?.caseId ?? null, verified: result?.verified ?? null, generator: result?.generator ?? null, error: i.error };
  });
  return json({ total: job.total, items });
});
